import { createServer, connect } from 'node:net';

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Waits until host:port accepts connections, or throws after `timeoutMs` naming what it waited for. */
export async function waitForPort(host: string, port: number, options: { timeoutMs: number; what: string; isAlive?: () => boolean }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (await isPortOpen(host, port)) return;
    if (options.isAlive && !options.isAlive()) throw new Error(`${options.what} exited before listening on ${host}:${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${options.what} did not listen on ${host}:${port} within ${options.timeoutMs} ms`);
}

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port assigned'));
      });
    });
  });
}
