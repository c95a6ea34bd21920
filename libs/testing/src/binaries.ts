import { loadDevStackConfig } from '@pitrix/config';
import { ensureGoBinary, ensureS3ServerBinary, natsServer, temporalCli } from '@pitrix/devstack';

const log = (line: string) => console.log(`[pitrix testing] ${line}`);

function devStack(env: NodeJS.ProcessEnv) {
  return loadDevStackConfig(env).devStack;
}

/** Path of the Temporal CLI, built into the cache on first use. */
export function temporalBinary(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const settings = devStack(env);
  return ensureGoBinary(settings.binCache, temporalCli(settings.temporalVersion), log);
}

/** Path of nats-server, built into the cache on first use. */
export function natsServerBinary(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const settings = devStack(env);
  return ensureGoBinary(settings.binCache, natsServer(settings.natsServerVersion), log);
}

/** Path of the project's S3 server (infra/s3), built into the cache when its sources changed. */
export function s3ServerBinary(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return ensureS3ServerBinary(devStack(env).binCache, log);
}
