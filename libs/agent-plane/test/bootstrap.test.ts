import { describe, expect, it } from 'vitest';
import { droneBootstrapFor, frontgateBootstrapFor, frontgateClientUrl } from '../src/index.js';

describe('agent bootstraps', () => {
  it('a frontgate gets its id, the hub leaf URL and CA, its credential and where to listen', () => {
    const bootstrap = frontgateBootstrapFor({ frontgateId: 'fg-1', hubLeafUrl: 'tls://hub:7425', hubCaCertPem: 'PEM', credentials: 'CREDS', listen: '10.0.0.1:4222' });
    expect(bootstrap).toEqual({
      kind: 'frontgate',
      env: { PITRIX_FRONTGATE_ID: 'fg-1', PITRIX_HUB_LEAF_URL: 'tls://hub:7425', PITRIX_HUB_CA_CERT: 'PEM', PITRIX_FRONTGATE_CREDENTIALS: 'CREDS', PITRIX_FRONTGATE_LISTEN: '10.0.0.1:4222' },
    });
  });

  it("a drone gets its frontgate, its seed and its node's identity", () => {
    const bootstrap = droneBootstrapFor({
      frontgateId: 'fg-1',
      frontgateUrl: frontgateClientUrl('10.0.0.1:4222'),
      seed: 'SEED',
      node: { clusterId: 'cl-1', nodeId: 'cln-1', role: '', serverId: 2, groupId: 1 },
    });
    expect(bootstrap).toEqual({
      kind: 'drone',
      env: {
        PITRIX_FRONTGATE_ID: 'fg-1',
        PITRIX_FRONTGATE_URL: 'nats://10.0.0.1:4222',
        PITRIX_DRONE_SEED: 'SEED',
        PITRIX_CLUSTER_ID: 'cl-1',
        PITRIX_NODE_ID: 'cln-1',
        PITRIX_ROLE: '',
        PITRIX_SERVER_ID: '2',
        PITRIX_GROUP_ID: '1',
      },
    });
  });
});
