import { loadDevStackConfig } from '@pitrix/config';
import { afterAll, describe, expect, it } from 'vitest';
import type { StackPlan } from '../src/stack-plan.js';
import { refuseTakenPorts, stackPorts } from '../src/stack-ports.js';
import { TestProcesses } from './support/processes.js';
import { freeStackEnv } from './support/stack-env.js';

const processes = new TestProcesses();
afterAll(() => processes.stopAll());

const startAll: StackPlan = { temporal: 'start', hub: 'start', s3: 'start' };

describe('the ports npm start binds', () => {
  const defaults = loadDevStackConfig({});
  it.each<[string, StackPlan, Array<[number, string]>]>([
    [
      'every server started here',
      startAll,
      [
        [4000, 'PITRIX_API_PORT'],
        [7233, 'PITRIX_TEMPORAL_ADDRESS'],
        [8233, 'PITRIX_TEMPORAL_UI_PORT'],
        [4225, 'PITRIX_NATS_URL'],
        [7425, 'PITRIX_NATS_LEAF_PORT'],
        [8225, 'PITRIX_NATS_MONITOR_PORT'],
        [9310, 'PITRIX_S3_ENDPOINT'],
      ],
    ],
    ['Temporal and the hub already running, S3 elsewhere: only the API', { temporal: 'reuse', hub: 'reuse', s3: 'elsewhere' }, [[4000, 'PITRIX_API_PORT']]],
    ['the S3 server already running', { temporal: 'start', hub: 'start', s3: 'reuse' }, [[4000, 'PITRIX_API_PORT'], [7233, 'PITRIX_TEMPORAL_ADDRESS'], [8233, 'PITRIX_TEMPORAL_UI_PORT'], [4225, 'PITRIX_NATS_URL'], [7425, 'PITRIX_NATS_LEAF_PORT'], [8225, 'PITRIX_NATS_MONITOR_PORT']]],
  ])('%s', (_name, plan, expected) => {
    expect(stackPorts(defaults, plan).map((p) => [p.port, p.setting])).toEqual(expected);
  });

  it('names the URL that must follow a moved leaf-node or web UI port', () => {
    const also = stackPorts(defaults, startAll).filter((p) => p.alsoSetting).map((p) => [p.setting, p.alsoSetting]);
    expect(also).toEqual([
      ['PITRIX_TEMPORAL_UI_PORT', 'PITRIX_TEMPORAL_UI_URL'],
      ['PITRIX_NATS_LEAF_PORT', 'PITRIX_NATS_LEAF_URL'],
    ]);
  });
});

describe('the pre-flight check', () => {
  it('passes when every port is free', async () => {
    const config = loadDevStackConfig(await freeStackEnv(processes.dir));
    await expect(refuseTakenPorts(stackPorts(config, startAll))).resolves.toBeUndefined();
  });

  it('refuses a port another process holds, naming the port, what wanted it, the holder and PITRIX_API_PORT', async () => {
    const taken = await processes.plainHttpServer();
    const config = loadDevStackConfig({ ...(await freeStackEnv(processes.dir)), PITRIX_API_PORT: String(taken.port) });
    await expect(refuseTakenPorts(stackPorts(config, startAll))).rejects.toThrow(
      new RegExp(`^port ${taken.port} \\(the GraphQL API\\) is in use by another process \\(pid ${taken.process.pid}: .*\\); stop it or set PITRIX_API_PORT$`),
    );
  });

  it('names every taken port at once', async () => {
    const [ui, monitor] = [await processes.plainHttpServer(), await processes.plainHttpServer()];
    const env = { ...(await freeStackEnv(processes.dir)), PITRIX_TEMPORAL_UI_PORT: String(ui.port), PITRIX_NATS_MONITOR_PORT: String(monitor.port) };
    const refused = await refuseTakenPorts(stackPorts(loadDevStackConfig(env), startAll)).catch((err: Error) => err.message);
    expect(refused).toMatch(/^2 ports cannot be bound:\n/);
    expect(refused).toContain(`port ${ui.port} (the Temporal web UI) is in use by another process`);
    expect(refused).toContain('stop it or set PITRIX_TEMPORAL_UI_PORT (and PITRIX_TEMPORAL_UI_URL to match)');
    expect(refused).toContain(`port ${monitor.port} (the NATS hub monitoring) is in use by another process`);
    expect(refused).toContain('stop it or set PITRIX_NATS_MONITOR_PORT');
  });

  it('does not refuse the port of a server npm start reuses rather than starts', async () => {
    const temporal = await processes.plainHttpServer();
    const config = loadDevStackConfig({ ...(await freeStackEnv(processes.dir)), PITRIX_TEMPORAL_ADDRESS: `127.0.0.1:${temporal.port}` });
    await expect(refuseTakenPorts(stackPorts(config, { ...startAll, temporal: 'reuse' }))).resolves.toBeUndefined();
  });
});
