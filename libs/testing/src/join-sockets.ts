import type { Socket } from 'node:net';

/** Relays bytes both ways between two sockets; when either ends or fails, both are destroyed. */
export function joinSockets(client: Socket, upstream: Socket): void {
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.once('error', close).once('close', close);
  upstream.once('error', close).once('close', close);
}
