import { hasErrorCode, type ErrorCode } from '@pitrix/errors';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedFetch, outboundFetchPolicy } from '../src/index.js';

const MiB = 1024 * 1024;
const LOOPBACK = outboundFetchPolicy({ allow: ['127.0.0.1'], timeoutMs: 1_000 });

interface TestServer {
  readonly server: Server;
  readonly port: number;
  /** Bytes written to response bodies, and connections accepted. */
  readonly counts: { sent: number; connections: number; closed: Promise<void> };
}

async function serve(handler: (request: IncomingMessage, response: ServerResponse, counts: TestServer['counts']) => void): Promise<TestServer> {
  let onClosed: () => void = () => undefined;
  const counts = { sent: 0, connections: 0, closed: new Promise<void>((resolve) => (onClosed = resolve)) };
  const server = createServer((request, response) => {
    response.on('close', onClosed);
    handler(request, response, counts);
  });
  server.on('connection', () => counts.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, counts };
}

/** Streams 1 MiB chunks for as long as the client reads (up to 4 GiB), counting what it sent. */
function endless(_request: IncomingMessage, response: ServerResponse, counts: TestServer['counts']): void {
  response.writeHead(200, { 'content-type': 'application/octet-stream' });
  const chunk = Buffer.alloc(MiB, 7);
  let open = true;
  response.on('close', () => (open = false));
  response.on('error', () => undefined);
  const push = (): void => {
    while (open && counts.sent < 4096 * MiB) {
      counts.sent += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', push);
    }
    if (open) response.end();
  };
  push();
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (err: unknown) => err);
}

function expectCode(err: unknown, code: ErrorCode): void {
  expect(hasErrorCode(err, code), `expected ${code}, got ${String((err as { code?: string })?.code ?? err)}`).toBe(true);
}

describe('the guarded fetcher against real local servers', () => {
  const servers: Server[] = [];
  const start = async (handler: Parameters<typeof serve>[0]) => {
    const made = await serve(handler);
    servers.push(made.server);
    return made;
  };
  let target: TestServer;

  beforeAll(async () => {
    target = await start((request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end(`target ${request.url}`));
  });
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('aborts an endless body as soon as it passes the cap, long before the server is done', async () => {
    const { port, counts } = await start(endless);
    const before = process.memoryUsage().rss;
    const err = await failureOf(guardedFetch(`http://127.0.0.1:${port}/index.yaml`, { maxBytes: 2 * MiB, kind: 'index' }, { ...LOOPBACK, timeoutMs: 30_000 }));
    expectCode(err, 'PACKAGE.TOO_LARGE');
    expect((err as { problems: Array<{ code: string }> }).problems[0]?.code).toBe('limit.index_bytes');
    await counts.closed;
    // The socket buffers hold a few MiB at most; the server was ready to send 4 GiB.
    expect(counts.sent).toBeLessThan(64 * MiB);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * MiB);
  });

  it('refuses a declared Content-Length above the cap without reading the body', async () => {
    const { port } = await start((_request, response) => {
      response.writeHead(200, { 'content-length': String(100 * MiB) });
      response.write(Buffer.alloc(1024));
    });
    expectCode(await failureOf(guardedFetch(`http://127.0.0.1:${port}/a.tgz`, { maxBytes: MiB, kind: 'archive' }, LOOPBACK)), 'PACKAGE.TOO_LARGE');
  });

  it('ends a fetch from a server that never answers after the timeout', async () => {
    const { port } = await start(() => undefined);
    const started = Date.now();
    const err = await failureOf(guardedFetch(`http://127.0.0.1:${port}/index.yaml`, { maxBytes: MiB, kind: 'index' }, { ...LOOPBACK, timeoutMs: 300 }));
    expectCode(err, 'REPO.UNREACHABLE');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('ends a fetch whose body trickles past the timeout', async () => {
    const { port } = await start((_request, response) => {
      response.writeHead(200);
      const timer = setInterval(() => response.write('x'), 50);
      response.on('close', () => clearInterval(timer));
    });
    expectCode(await failureOf(guardedFetch(`http://127.0.0.1:${port}/index.yaml`, { maxBytes: MiB, kind: 'index' }, { ...LOOPBACK, timeoutMs: 400 })), 'REPO.UNREACHABLE');
  });

  it('follows a redirect within the same scheme, host and port', async () => {
    const { port } = await start((request, response) => {
      if (request.url === '/old/index.yaml') return void response.writeHead(302, { location: '/new/index.yaml' }).end();
      response.writeHead(200).end(`moved ${request.url}`);
    });
    const response = await guardedFetch(`http://127.0.0.1:${port}/old/index.yaml`, { maxBytes: MiB, kind: 'index' }, LOOPBACK);
    expect(response.status).toBe(200);
    expect(Buffer.from(response.body).toString()).toBe('moved /new/index.yaml');
  });

  it.each([
    ['another port', (port: number) => `http://127.0.0.1:${port}/index.yaml`],
    ['another host name', (port: number) => `http://localhost:${port}/index.yaml`],
    ['another scheme', (port: number) => `https://127.0.0.1:${port}/index.yaml`],
  ])('refuses a redirect to %s without following it', async (_name, location) => {
    const connectionsBefore = target.counts.connections;
    const { port } = await start((_request, response) => response.writeHead(301, { location: location(target.port) }).end());
    expectCode(await failureOf(guardedFetch(`http://127.0.0.1:${port}/index.yaml`, { maxBytes: MiB, kind: 'index' }, LOOPBACK)), 'REPO.REDIRECT_REFUSED');
    expect(target.counts.connections).toBe(connectionsBefore);
  });

  it('stops after the most redirects allowed', async () => {
    const { port } = await start((request, response) => response.writeHead(302, { location: `${request.url}x` }).end());
    expectCode(await failureOf(guardedFetch(`http://127.0.0.1:${port}/`, { maxBytes: MiB, kind: 'index' }, { ...LOOPBACK, maxRedirects: 3 })), 'REPO.REDIRECT_REFUSED');
  });

  it('refuses a loopback server without the allowance, before connecting', async () => {
    const { port, counts } = await start((_request, response) => response.writeHead(200).end('secret'));
    const err = await failureOf(guardedFetch(`http://127.0.0.1:${port}/`, { maxBytes: MiB, kind: 'index' }, outboundFetchPolicy()));
    expectCode(err, 'REPO.DESTINATION_REFUSED');
    expect(counts.connections).toBe(0);
  });

  it.each([
    ['the metadata service', 'http://169.254.169.254/latest/meta-data/'],
    ['a private address', 'http://10.0.0.1/index.yaml'],
    ['IPv6 loopback', 'http://[::1]:5432/'],
    ['IPv4 loopback', 'http://127.0.0.1:5432/'],
    ['localhost by name', 'http://localhost:5432/'],
  ])('refuses %s without the allowance', async (_name, url) => {
    expectCode(await failureOf(guardedFetch(url, { maxBytes: MiB, kind: 'index' }, outboundFetchPolicy({ timeoutMs: 2_000 }))), 'REPO.DESTINATION_REFUSED');
  });
});
