import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPackageBytes, loadPackage, loadPackageFromDirectory, buildPackageArchive, outboundFetchPolicy } from '../src/index.js';
import { FIXTURES, LIMITS, rejection } from './helpers.js';

// The test server is on loopback, which the fetch policy refuses unless allowed.
const LOOPBACK = { policy: outboundFetchPolicy({ allow: ['127.0.0.1'] }) };
let server: Server;
let base: string;
let archive: Uint8Array;

beforeAll(async () => {
  const files = await loadPackageFromDirectory(`${FIXTURES}/valid-openpitrix-dialect`, LIMITS);
  archive = buildPackageArchive(files, { name: 'zookeeper', version: '1.0.0' }).bytes;
  server = createServer((request, response) => {
    if (request.url === '/zookeeper-1.0.0.tgz') response.end(archive);
    else if (request.url === '/big-declared.tgz') {
      response.writeHead(200, { 'content-length': String(LIMITS.maxArchiveBytes + 1) });
      response.end();
    } else if (request.url === '/big-streamed.tgz') {
      response.writeHead(200, { 'transfer-encoding': 'chunked' });
      const chunk = Buffer.alloc(1024 * 1024);
      let sent = 0;
      const push = () => {
        while (sent < 40 && response.write(chunk)) sent++;
        if (sent < 40) response.once('drain', push);
        else response.end();
      };
      response.on('error', () => undefined);
      push();
    } else if (request.url === '/broken.tgz') {
      response.writeHead(503);
      response.end();
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('fetching packages over HTTP', () => {
  it('loads the same files as the archive on disk', async () => {
    const files = await loadPackage(`${base}/zookeeper-1.0.0.tgz`, LIMITS, LOOPBACK);
    expect(files).toEqual(await loadPackageFromDirectory(`${FIXTURES}/valid-openpitrix-dialect`, LIMITS));
  });

  it.each([
    ['a missing archive', '/missing.tgz', 'PACKAGE.NOT_FOUND'],
    ['a Content-Length above the limit', '/big-declared.tgz', 'PACKAGE.TOO_LARGE'],
    ['a streamed body above the limit', '/big-streamed.tgz', 'PACKAGE.TOO_LARGE'],
    ['a server error', '/broken.tgz', 'SYSTEM.DEPENDENCY_UNAVAILABLE'],
  ])('%s (%s) is %s', async (_name, path, code) => {
    const { code: found } = await rejection(fetchPackageBytes(`${base}${path}`, { ...LIMITS, maxArchiveBytes: 8 * 1024 * 1024 }, LOOPBACK));
    expect(found).toBe(code);
  });

  it('an unreachable server is SYSTEM.DEPENDENCY_UNAVAILABLE', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await rejection(fetchPackageBytes(`http://127.0.0.1:${port}/x.tgz`, LIMITS, LOOPBACK))).code).toBe('SYSTEM.DEPENDENCY_UNAVAILABLE');
  });

  it('refuses other URL schemes', async () => {
    expect((await rejection(fetchPackageBytes('file:///etc/passwd', LIMITS))).code).toBe('INPUT.INVALID');
  });
});
