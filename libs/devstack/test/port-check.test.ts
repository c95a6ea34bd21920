import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPortsFree, findPortHolder, freePort, startProcess, waitForPort, type ManagedProcess, type PortNeed } from '../src/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'pitrix-port-check-'));
const holders: ManagedProcess[] = [];
afterAll(async () => {
  await Promise.all(holders.map((holder) => holder.stop()));
  rmSync(scratch, { recursive: true, force: true });
});

/** Another process, listening on a free port of `host`; resolves once it listens. */
async function holdPort(host: string): Promise<{ port: number; holder: ManagedProcess }> {
  const port = await freePort();
  const script = `require('node:net').createServer().listen(${port}, ${JSON.stringify(host)})`;
  const holder = await startProcess({ name: 'holder', command: process.execPath, args: ['-e', script], logFile: join(scratch, `holder-${port}.log`) });
  holders.push(holder);
  await waitForPort('127.0.0.1', port, { timeoutMs: 10_000, what: 'the port holder', isAlive: holder.isAlive });
  return { port, holder };
}

const need = (port: number, overrides: Partial<PortNeed> = {}): PortNeed => ({ host: '127.0.0.1', port, what: 'the thing', setting: 'THING_PORT', ...overrides });

describe('checkPortsFree', () => {
  it('finds nothing wrong with free ports, and never checks port 0 (the kernel picks it)', async () => {
    expect(await checkPortsFree([need(await freePort()), need(0)])).toEqual([]);
  });

  it('reports a port another process holds: the port, what wanted it, the holder and the variable to change', async () => {
    const { port, holder } = await holdPort('127.0.0.1');
    const problems = await checkPortsFree([need(port, { what: 'the GraphQL API', setting: 'PITRIX_API_PORT' })]);
    expect(problems.map((p) => p.reason)).toEqual(['IN_USE']);
    expect(problems[0]!.message).toBe(
      `port ${port} (the GraphQL API) is in use by another process (pid ${holder.pid}: ${process.execPath} -e ${`require('node:net').createServer().listen(${port}, "127.0.0.1")`}); stop it or set PITRIX_API_PORT`,
    );
  });

  it('names the variable that must change along with the port', async () => {
    const { port } = await holdPort('127.0.0.1');
    const [problem] = await checkPortsFree([need(port, { setting: 'PITRIX_NATS_LEAF_PORT', alsoSetting: 'PITRIX_NATS_LEAF_URL' })]);
    expect(problem?.message).toMatch(/stop it or set PITRIX_NATS_LEAF_PORT \(and PITRIX_NATS_LEAF_URL to match\)$/);
  });

  it('counts a listener on every address (0.0.0.0) as holding the port on 127.0.0.1, as the server would find', async () => {
    const { port } = await holdPort('0.0.0.0');
    expect((await checkPortsFree([need(port)])).map((p) => p.reason)).toEqual(['IN_USE']);
  });

  it('reports every problem at once, including a port the stack wants twice', async () => {
    const [held, free] = [await holdPort('127.0.0.1'), await freePort()];
    const problems = await checkPortsFree([
      need(held.port),
      need(free, { what: 'the API', setting: 'API_PORT' }),
      need(free, { what: 'the web UI', setting: 'UI_PORT' }),
    ]);
    expect(problems.map((p) => p.reason)).toEqual(['IN_USE', 'WANTED_TWICE']);
    expect(problems[1]!.message).toBe(`port ${free} is wanted by both the API (API_PORT) and the web UI (UI_PORT); set one of them to another port`);
  });

  it('reports an address that is not this machine with the variable of the host', async () => {
    const [problem] = await checkPortsFree([need(await freePort(), { host: '192.0.2.1', setting: 'PITRIX_API_PORT', hostSetting: 'PITRIX_API_HOST' })]);
    expect(problem?.reason).toBe('NOT_BINDABLE');
    expect(problem?.message).toMatch(/cannot be bound on 192\.0\.2\.1 \(EADDRNOTAVAIL\); set PITRIX_API_HOST$/);
  });
});

describe('findPortHolder', () => {
  it('names the process listening on a port, and nothing for a free one', async () => {
    const { port, holder } = await holdPort('127.0.0.1');
    expect(findPortHolder(port)?.pid).toBe(holder.pid);
    expect(findPortHolder(await freePort())).toBeUndefined();
  });
});
