import { createServer, connect, type Socket } from 'node:net';
import { joinSockets } from './join-sockets.js';

/** A TCP relay a test can cut, to simulate a network link going down and coming back. */
export interface TcpProxy {
  readonly port: number;
  /** Drops every relayed connection and refuses new ones until `restore`. */
  cut(): void;
  /** Accepts and relays connections again. */
  restore(): void;
  close(): Promise<void>;
}

/** Relays 127.0.0.1:<free port> to `host:port`. */
export function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let cut = false;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    track(client);
    if (cut) return void client.destroy();
    const upstream = connect({ host, port });
    track(upstream);
    joinSockets(client, upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        cut: () => {
          cut = true;
          for (const socket of sockets) socket.destroy();
        },
        restore: () => {
          cut = false;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
