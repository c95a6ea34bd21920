import type { DevStackConfig } from '@pitrix/config';

/** host and port of one server, as the settings give them. */
export interface ServerAddress {
  readonly host: string;
  readonly port: number;
}

/** Where the stack's servers are expected, from PITRIX_TEMPORAL_ADDRESS, PITRIX_NATS_URL and PITRIX_S3_ENDPOINT. */
export interface StackAddresses {
  readonly temporal: ServerAddress;
  readonly hub: ServerAddress;
  readonly s3: ServerAddress & { readonly onThisMachine: boolean };
}

const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '::1', '[::1]'];

/** Reads the servers' addresses out of the configuration (URL default ports filled in). */
export function stackAddresses(config: DevStackConfig): StackAddresses {
  const colon = config.temporal.address.lastIndexOf(':');
  const hub = new URL(config.nats.url);
  const s3 = new URL(config.s3.endpoint);
  return {
    temporal: { host: config.temporal.address.slice(0, colon), port: Number(config.temporal.address.slice(colon + 1)) },
    hub: { host: hub.hostname, port: Number(hub.port || 4222) },
    s3: { host: s3.hostname, port: Number(s3.port || (s3.protocol === 'https:' ? 443 : 80)), onThisMachine: LOCAL_HOSTS.includes(s3.hostname) },
  };
}
