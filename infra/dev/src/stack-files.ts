import type { DevStackConfig } from '@pitrix/config';
import { join } from 'node:path';

/** The processes `npm start` runs itself, by the name of their pid and log files. */
export type StackProcessName = 'temporal' | 'nats-hub' | 's3' | 'worker' | 'api';

/** The pid file of a process `npm start` runs: it outlives a crashed launcher, so the next start can stop that process. */
export function pidFile(config: DevStackConfig, name: StackProcessName): string {
  return join(config.home.home, 'run', `${name}.pid`);
}

/** The log file of a process `npm start` runs (appended to across runs). */
export function logFile(config: DevStackConfig, name: StackProcessName): string {
  return join(config.home.home, 'logs', `${name}.log`);
}
