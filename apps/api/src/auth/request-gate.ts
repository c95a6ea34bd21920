import type { ApiConfig } from '@pitrix/config';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Checks what a browser could forge before anything else runs. On a loopback listener, a request
 * whose Host is not a loopback name (or a configured one) is refused: a page on a rebinding DNS
 * name must not reach the API through the user's browser. A WebSocket upgrade whose Origin is not
 * the API's own or a configured one gets 403, because browsers let any page open a WebSocket to
 * any address (non-browser clients send no Origin).
 */
export class RequestGate {
  private readonly allowedHosts: ReadonlySet<string>;
  private readonly configuredOrigins: ReadonlySet<string>;
  private readonly loopbackListener: boolean;

  constructor(private readonly config: ApiConfig) {
    this.allowedHosts = new Set(config.auth.allowedHosts.map((host) => host.toLowerCase()));
    const publicOrigin = config.auth.publicUrl ? [new URL(config.auth.publicUrl).origin] : [];
    this.configuredOrigins = new Set([...config.auth.allowedOrigins.map((origin) => origin.replace(/\/$/, '')), ...publicOrigin]);
    this.loopbackListener = isLoopbackAddress(config.api.host);
  }

  /** True when a request with this Host header may be served. */
  hostAllowed(host: string | undefined): boolean {
    if (!this.loopbackListener) return true;
    if (!host) return false;
    const name = hostName(host);
    return LOOPBACK_NAMES.has(name) || this.allowedHosts.has(name);
  }

  /** True when a WebSocket from this Origin may connect (no Origin: not a browser). */
  originAllowed(origin: string | undefined, server: Server): boolean {
    if (origin === undefined) return true;
    if (this.configuredOrigins.has(origin)) return true;
    const port = (server.address() as AddressInfo | null)?.port;
    try {
      const url = new URL(origin);
      return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_NAMES.has(url.hostname) && Number(url.port || 80) === port && this.loopbackListener;
    } catch {
      return false;
    }
  }

  /** Puts the checks in front of the server's request and upgrade handlers. */
  install(server: Server): void {
    const requestHandlers = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!this.hostAllowed(req.headers.host)) return refuse(res, 421, `Host ${req.headers.host ?? '(none)'} is not served here; add it to PITRIX_API_ALLOWED_HOSTS if it is yours`);
      for (const handler of requestHandlers) handler.call(server, req, res);
    });
    const upgradeHandlers = server.listeners('upgrade') as UpgradeListener[];
    server.removeAllListeners('upgrade');
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
      if (!this.hostAllowed(req.headers.host) || !this.originAllowed(origin, server)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      for (const handler of upgradeHandlers) handler.call(server, req, socket, head);
    });
  }
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code: 'AUTH.FORBIDDEN' } }] }));
}

function hostName(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  return lower.replace(/:\d+$/, '');
}

function isLoopbackAddress(address: string): boolean {
  return address === 'localhost' || address === '::1' || /^127\./.test(address);
}
