import { loadDevStackConfig } from '@pitrix/config';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pidFile } from '../src/stack-files.js';
import { planStack, stopLeftovers, type StackBinaries } from '../src/stack-plan.js';
import { refuseTakenPorts, stackPorts } from '../src/stack-ports.js';
import { TestProcesses } from './support/processes.js';
import { freeStackEnv } from './support/stack-env.js';

const processes = new TestProcesses();
afterAll(() => processes.stopAll());

/** Binaries no test process runs, so only the node leftovers (api, worker) are ours. */
const binaries: StackBinaries = { temporal: '/nonexistent/temporal', nats: '/nonexistent/nats-server', s3: '/nonexistent/s3server' };

describe('starting again after a crash', () => {
  it('stops the API a crashed run left on its port, after which the pre-flight check passes', async () => {
    const config = loadDevStackConfig({ ...(await freeStackEnv(join(processes.dir, 'crashed'))) });
    const leftover = await processes.plainHttpServer({ port: config.api.port, pidFile: pidFile(config, 'api') });
    const plan = await planStack(config, () => undefined);
    await expect(refuseTakenPorts(stackPorts(config, plan))).rejects.toThrow(/PITRIX_API_PORT/);

    await stopLeftovers(config, binaries, process.execPath);
    await expect(leftover.process.exited).resolves.toBeDefined();
    expect(existsSync(pidFile(config, 'api'))).toBe(false);
    await expect(refuseTakenPorts(stackPorts(config, await planStack(config, () => undefined)))).resolves.toBeUndefined();
  });

  it('leaves alone a process whose pid file lies (the pid now belongs to another program)', async () => {
    const config = loadDevStackConfig({ ...(await freeStackEnv(join(processes.dir, 'stranger'))) });
    const stranger = await processes.plainHttpServer({ port: config.api.port, pidFile: pidFile(config, 'worker') });
    await stopLeftovers(config, binaries, '/usr/bin/not-node');
    expect(stranger.process.isAlive()).toBe(true);
  });
});

describe('which servers npm start starts', () => {
  it('starts what is not running, reuses what already answers, and leaves an S3 endpoint on another machine alone', async () => {
    const temporal = await processes.plainHttpServer();
    const env = { ...(await freeStackEnv(join(processes.dir, 'plan'))), PITRIX_TEMPORAL_ADDRESS: `127.0.0.1:${temporal.port}`, PITRIX_S3_ENDPOINT: 'https://s3.eu-west-1.amazonaws.com' };
    const lines: string[] = [];
    expect(await planStack(loadDevStackConfig(env), (line) => lines.push(line))).toEqual({ temporal: 'reuse', hub: 'start', s3: 'elsewhere' });
    expect(lines).toEqual([
      `using Temporal at 127.0.0.1:${temporal.port}, which is already running (not started by pitrix)`,
      'using S3 at https://s3.eu-west-1.amazonaws.com (not on this machine)',
    ]);
  });
});
