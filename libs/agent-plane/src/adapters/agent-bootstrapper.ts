import { PitrixError } from '@pitrix/errors';
import { frontgateClientUrl, type AgentBootstrap } from '../bootstrap/agent-bootstrap.js';
import type { AgentCredentials } from '../credentials/agent-credentials.js';

/** The port a frontgate's leaf server listens on for drones, on the address its provider gives it. */
export const FRONTGATE_PORT = 4222;

/** What a workflow says about an agent to start: its kind and its (non-secret) identity. */
export interface AgentSpec {
  readonly kind: 'frontgate' | 'drone';
  readonly identity: Readonly<Record<string, string>>;
}

function field(spec: AgentSpec, name: string): string {
  const value = spec.identity[name];
  if (value === undefined) {
    throw new PitrixError('INPUT.INVALID', `the ${spec.kind} identity has no ${name}`, [{ path: `identity.${name}`, message: 'required', found: undefined }]);
  }
  return value;
}

/**
 * Turns an agent spec into the bootstrap a provider starts the agent with, issuing its credential
 * on the way (inside the activity, so it never enters a workflow history). A frontgate's identity
 * names `frontgateId` and `listenHost`; a drone's names `clusterId`, `nodeId`, `role`, `serverId`,
 * `groupId`, `frontgateId` and `frontgateHost`. Frontgates listen on `FRONTGATE_PORT`.
 */
export function agentBootstrapper(credentials: AgentCredentials, options: { frontgatePort?: number } = {}) {
  const port = options.frontgatePort ?? FRONTGATE_PORT;
  return {
    async bootstrap(spec: AgentSpec): Promise<AgentBootstrap> {
      if (spec.kind === 'frontgate') {
        return credentials.frontgateBootstrap({ frontgateId: field(spec, 'frontgateId'), listen: `${field(spec, 'listenHost')}:${port}` });
      }
      const frontgateId = field(spec, 'frontgateId');
      return credentials.droneBootstrap({
        frontgateId,
        frontgateUrl: frontgateClientUrl(`${field(spec, 'frontgateHost')}:${port}`),
        node: {
          clusterId: field(spec, 'clusterId'),
          nodeId: field(spec, 'nodeId'),
          role: spec.identity.role ?? '',
          serverId: Number(spec.identity.serverId ?? 0),
          groupId: Number(spec.identity.groupId ?? 0),
        },
      });
    },
  };
}
