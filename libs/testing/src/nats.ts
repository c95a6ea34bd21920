import { freePort, startNatsHub } from '@pitrix/devstack';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { natsServerBinary } from './binaries.js';

/** A private NATS hub for one test file, on free ports. */
export interface TestNatsHub {
  readonly url: string;
  readonly leafUrl: string;
  readonly user: string;
  readonly password: string;
  readonly dir: string;
  stop(): Promise<void>;
}

/** Starts a hub with the same configuration as the dev hub, on free ports, in a temp folder. */
export async function startTestNatsHub(): Promise<TestNatsHub> {
  const binary = await natsServerBinary();
  const dir = mkdtempSync(join(tmpdir(), 'pitrix-nats-'));
  const [clientPort, leafPort, monitorPort] = [await freePort(), await freePort(), await freePort()];
  const user = 'platform';
  const password = `test-${Math.random().toString(36).slice(2)}`;
  const hub = await startNatsHub({
    binary,
    host: '127.0.0.1',
    clientPort,
    leafPort,
    monitorPort,
    storeDir: join(dir, 'jetstream'),
    configFile: join(dir, 'hub.conf'),
    logFile: join(dir, 'hub.log'),
    platformUser: user,
    platformPassword: password,
  });
  return {
    url: `nats://127.0.0.1:${clientPort}`,
    leafUrl: `nats-leaf://127.0.0.1:${leafPort}`,
    user,
    password,
    dir,
    stop: async () => {
      await hub.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
