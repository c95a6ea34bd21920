import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ensureGoBinary,
  explainExit,
  freePort,
  natsServer,
  startProcess,
  waitForPort,
  waitUntilReady,
  type ManagedProcess,
  type PortNeed,
  type ReadinessProbe,
} from '../src/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'pitrix-readiness-'));
const started: ManagedProcess[] = [];
afterAll(async () => {
  await Promise.all(started.map((child) => child.stop()));
  rmSync(scratch, { recursive: true, force: true });
});

async function node(name: string, script: string, logFile = join(scratch, `${name}.log`)): Promise<ManagedProcess> {
  const child = await startProcess({ name, command: process.execPath, args: ['-e', script], logFile });
  started.push(child);
  return child;
}

/** A port another process holds (a plain TCP server that is none of ours). */
async function heldPort(): Promise<number> {
  const port = await freePort();
  const holder = await node(`holder-${port}`, `require('node:net').createServer().listen(${port}, '127.0.0.1')`);
  await waitForPort('127.0.0.1', port, { timeoutMs: 10_000, what: 'the port holder', isAlive: holder.isAlive });
  return port;
}

const sleeper = () => node('sleeper', 'setInterval(() => {}, 1000)');
const readyAfter = (ms: number): ReadinessProbe => {
  const at = Date.now() + ms;
  return { what: 'the slow one', check: async () => (Date.now() >= at ? { ready: true } : { ready: false, reason: 'still warming up' }) };
};

describe('waitUntilReady', () => {
  it('is READY once every probe has answered and the processes still run', async () => {
    const outcome = await waitUntilReady({ probes: [readyAfter(300), readyAfter(0)], processes: [await sleeper()], timeoutMs: 10_000, intervalMs: 50 });
    expect(outcome.state).toBe('READY');
  });

  it('times out naming each probe that never answered and its last reason', async () => {
    const outcome = await waitUntilReady({ probes: [readyAfter(60_000), readyAfter(0)], processes: [await sleeper()], timeoutMs: 400, intervalMs: 50 });
    expect(outcome).toEqual({ state: 'TIMED_OUT', waiting: [{ what: 'the slow one', reason: 'still warming up' }] });
  });

  it('ends as soon as a watched process exits, with that process and its code, instead of waiting out the timeout', async () => {
    const quitter = await node('quitter', 'setTimeout(() => process.exit(3), 200)');
    const before = Date.now();
    const outcome = await waitUntilReady({ probes: [readyAfter(60_000)], processes: [await sleeper(), quitter], timeoutMs: 30_000, intervalMs: 50 });
    expect(outcome).toMatchObject({ state: 'EXITED', process: { name: 'quitter' }, code: 3 });
    expect(Date.now() - before).toBeLessThan(10_000);
  });
});

describe('explainExit', () => {
  const apiPort = (port: number): PortNeed => ({ host: '127.0.0.1', port, what: 'the GraphQL API', setting: 'PITRIX_API_PORT' });

  it('a node server that cannot listen: the port, what wanted it and the variable, from its log', async () => {
    const port = await heldPort();
    const logFile = join(scratch, 'api.log');
    // An earlier run's lines in the same log are not this run's reason.
    writeFileSync(logFile, 'an earlier run: listen EADDRINUSE: address already in use 127.0.0.1:1\n');
    const api = await node('api', `require('node:http').createServer().listen(${port}, '127.0.0.1')`, logFile);
    const code = await api.exited;
    const report = explainExit(api, code, [apiPort(port)]);
    expect(report.reason).toBe('PORT_IN_USE');
    expect(report.message).toBe(`api exited (code 1): port ${port} (the GraphQL API) is in use by another process; stop it or set PITRIX_API_PORT`);
    expect(report.logTail.join('\n')).toContain(`EADDRINUSE: address already in use 127.0.0.1:${port}`);
    expect(report.logTail.join('\n')).not.toContain('an earlier run');
  });

  it('a Go server (nats-server, timestamps in its log) that cannot bind: the port named the same way', async () => {
    const binary = await ensureGoBinary(process.env.PITRIX_BIN_CACHE ?? join(homedir(), '.cache/pitrix/bin'), natsServer(process.env.PITRIX_NATS_SERVER_VERSION ?? 'v2.12.15'));
    const port = await heldPort();
    const hub = await startProcess({ name: 'nats-hub', command: binary, args: ['-a', '127.0.0.1', '-p', String(port)], logFile: join(scratch, 'hub.log') });
    started.push(hub);
    const code = await hub.exited;
    const report = explainExit(hub, code, [{ host: '127.0.0.1', port, what: 'the NATS hub for clients', setting: 'PITRIX_NATS_URL' }]);
    expect(report.reason).toBe('PORT_IN_USE');
    expect(report.message).toBe(`nats-hub exited (code ${code}): port ${port} (the NATS hub for clients) is in use by another process; stop it or set PITRIX_NATS_URL`);
    // A port the stack did not ask for is still named, not a piece of the timestamp.
    expect(explainExit(hub, code, []).message).toBe(`nats-hub exited (code ${code}): port ${port} is in use by another process`);
  });

  it('any other exit: the code and the log to read, with the last lines', async () => {
    const crash = await node('crash', `console.error('pitrix api: PITRIX_DATABASE_URL: cannot connect'); process.exit(1)`);
    const report = explainExit(crash, await crash.exited, []);
    expect(report).toEqual({ reason: 'EXITED', message: `crash exited (code 1); see ${crash.logFile}`, logTail: ['pitrix api: PITRIX_DATABASE_URL: cannot connect'] });
  });
});
