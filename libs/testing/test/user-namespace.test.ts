import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { runInUserNamespace } from '../src/index.js';

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.end('hello'));
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function cmdline(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

const portOf = (server: Server) => (server.address() as { port: number }).port;

/** Inside: who it is, whether `ip netns add` works, and what each port on 127.0.0.1 answers. */
const insideScript = `
const { execFileSync } = require('node:child_process');
const net = require('node:net');
const read = (port) => new Promise((resolve) => {
  const socket = net.connect(port, '127.0.0.1');
  let data = '';
  socket.on('data', (chunk) => (data += chunk));
  socket.on('end', () => resolve(data));
  socket.on('error', (err) => resolve(err.code));
});
(async () => {
  execFileSync('ip', ['netns', 'add', 'probe']);
  const namespaces = execFileSync('ip', ['netns', 'list']).toString();
  const ports = JSON.parse(process.argv[1]);
  const answers = {};
  for (const port of ports) answers[port] = await read(port);
  console.log(JSON.stringify({ uid: process.getuid(), namespaces, answers }));
})();
`;

describe('runInUserNamespace', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  it('runs as root in its own network, relays the forwarded host ports to 127.0.0.1 and nothing else', async () => {
    const [forwarded, other] = await Promise.all([listen(), listen()]);
    servers.push(forwarded, other);
    const ports = [portOf(forwarded), portOf(other)];
    const run = await runInUserNamespace({
      command: process.execPath,
      args: ['-e', insideScript, JSON.stringify(ports)],
      forward: [{ host: '127.0.0.1', port: ports[0]! }],
      timeoutMs: 30_000,
    });
    expect(run, run.output).toMatchObject({ code: 0, timedOut: false });
    const seen = JSON.parse(run.output.trim().split('\n').pop()!) as { uid: number; namespaces: string; answers: Record<string, string> };
    expect(seen.uid).toBe(0);
    expect(seen.namespaces).toContain('probe');
    expect(seen.answers).toEqual({ [ports[0]!]: 'hello', [ports[1]!]: 'ECONNREFUSED' });
  });

  it('ends a run that outlasts its time, with everything in it', async () => {
    // A duration no other process uses, to find the sleeps in /proc.
    const duration = `60.${randomBytes(3).readUIntBE(0, 3)}`;
    const started = Date.now();
    const run = await runInUserNamespace({ command: 'sh', args: ['-c', `sleep ${duration} & sleep ${duration}`], timeoutMs: 1_000 });
    expect(run.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    const sleeping = () => readdirSync('/proc').filter((pid) => /^\d+$/.test(pid) && cmdline(pid).includes(duration)).length;
    await expect.poll(sleeping, { timeout: 5_000 }).toBe(0);
  });
});
