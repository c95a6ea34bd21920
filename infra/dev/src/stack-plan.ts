import type { DevStackConfig } from '@pitrix/config';
import { isPortOpen, stopStaleProcess } from '@pitrix/devstack';
import { stackAddresses } from './stack-addresses.js';
import { pidFile } from './stack-files.js';

/** What `npm start` does about one server: start its own, use one that already runs, or leave it to another machine. */
export type ServerPlan = 'start' | 'reuse' | 'elsewhere';

/** The plan for each server the stack depends on. */
export interface StackPlan {
  readonly temporal: ServerPlan;
  readonly hub: ServerPlan;
  readonly s3: ServerPlan;
}

/** Paths of the binaries the stack runs. */
export interface StackBinaries {
  readonly temporal: string;
  readonly nats: string;
  readonly s3: string;
}

/**
 * Stops every process a crashed `npm start` left behind (its pid file survived), so that what
 * holds a port afterwards is known not to be ours. Worker and API are node processes.
 */
export async function stopLeftovers(config: DevStackConfig, binaries: StackBinaries, node: string): Promise<void> {
  await stopStaleProcess(pidFile(config, 'api'), node);
  await stopStaleProcess(pidFile(config, 'worker'), node);
  await stopStaleProcess(pidFile(config, 's3'), binaries.s3);
  await stopStaleProcess(pidFile(config, 'nats-hub'), binaries.nats);
  await stopStaleProcess(pidFile(config, 'temporal'), binaries.temporal);
}

/**
 * Decides, once leftovers are stopped, which servers to start: one that already answers on its
 * address was started by someone else on purpose and is used as it is; an S3 endpoint that is
 * not on this machine (AWS, another server) is not started at all.
 */
export async function planStack(config: DevStackConfig, log: (line: string) => void): Promise<StackPlan> {
  const addresses = stackAddresses(config);
  const decide = async (what: string, address: { host: string; port: number }): Promise<ServerPlan> => {
    if (!(await isPortOpen(address.host, address.port))) return 'start';
    log(`using ${what}, which is already running (not started by pitrix)`);
    return 'reuse';
  };
  const temporal = await decide(`Temporal at ${config.temporal.address}`, addresses.temporal);
  const hub = await decide(`the NATS hub at ${config.nats.url}`, addresses.hub);
  if (!addresses.s3.onThisMachine) log(`using S3 at ${config.s3.endpoint} (not on this machine)`);
  const s3 = addresses.s3.onThisMachine ? await decide(`the S3 server at ${config.s3.endpoint}`, addresses.s3) : 'elsewhere';
  return { temporal, hub, s3 };
}
