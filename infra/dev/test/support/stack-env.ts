import { freePort } from '@pitrix/devstack';

/** Settings that put every port of the dev stack on a free port, and its state in `home`; never the default ports. */
export async function freeStackEnv(home: string): Promise<Record<string, string>> {
  const [api, temporal, temporalUi, hub, leaf, monitor, s3] = await Promise.all(Array.from({ length: 7 }, () => freePort()));
  return {
    PITRIX_HOME: home,
    PITRIX_API_PORT: String(api),
    PITRIX_TEMPORAL_ADDRESS: `127.0.0.1:${temporal}`,
    PITRIX_TEMPORAL_UI_PORT: String(temporalUi),
    PITRIX_NATS_URL: `nats://127.0.0.1:${hub}`,
    PITRIX_NATS_LEAF_PORT: String(leaf),
    PITRIX_NATS_MONITOR_PORT: String(monitor),
    PITRIX_S3_ENDPOINT: `http://127.0.0.1:${s3}`,
  };
}
