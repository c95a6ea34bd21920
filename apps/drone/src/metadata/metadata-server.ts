import { viewSubtree, type SelfView } from '@pitrix/agent-protocol';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Serves the node's `/self` view read-only, in the shape of metad (OpenPitrix's metadata server),
 * so confd-style images keep working: `GET /self` is the whole view as JSON, `GET /self/<path>`
 * the subtree at that path (404 when absent). With `Accept: text/plain` a scalar comes back as
 * its bare value and an object as its keys, one per line (metad's text form).
 */
export function startMetadataServer(host: string, port: number, view: () => SelfView): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => answer(request, response, view()));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({ server, url: `http://${shownHost}:${address.port}` });
    });
  });
}

function answer(request: IncomingMessage, response: ServerResponse, view: SelfView): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'read-only\n');
  let path: string;
  try {
    path = decodeURIComponent(new URL(request.url ?? '/', 'http://metadata').pathname).replace(/\/+$/, '');
  } catch {
    return send(response, 400, 'text/plain', 'bad path\n');
  }
  if (path !== '/self' && !path.startsWith('/self/')) return send(response, 404, 'text/plain', 'not found\n');
  const value = viewSubtree(view, path.slice('/self'.length));
  if (value === undefined) return send(response, 404, 'text/plain', 'not found\n');
  if ((request.headers.accept ?? '').includes('text/plain')) return send(response, 200, 'text/plain', asText(value));
  send(response, 200, 'application/json', `${JSON.stringify(value)}\n`);
}

function asText(value: unknown): string {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, child]) => (child !== null && typeof child === 'object' ? `${key}/` : key))
      .join('\n')
      .concat('\n');
  }
  return `${String(value)}\n`;
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}
