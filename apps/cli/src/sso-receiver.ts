import { PitrixError } from '@pitrix/errors';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The loopback listener an SSO login's browser is sent back to. */
export interface LoopbackReceiver {
  /** The port it listens on, at 127.0.0.1. */
  readonly port: number;
  /** The one-time code, once a browser arrives at `/callback` with the right state. */
  readonly code: Promise<string>;
  /** Stops listening (the pending code, if any, is rejected). */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 (a free port) for `GET /callback?code=…&state=…`. A callback whose state is
 * not ours is refused and the wait goes on (it is not the login this CLI started); the right one
 * gets a "you can close this window" page and resolves the code. No callback within `timeoutMs`
 * rejects it.
 */
export async function startLoopbackReceiver(state: string, timeoutMs: number): Promise<LoopbackReceiver> {
  let settle: { resolve(code: string): void; reject(err: Error): void } | undefined;
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => undefined);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback') return page(res, 404, 'Not found', 'This address only receives the Pitrix sign-in.');
    if (req.method !== 'GET') return page(res, 405, 'Not allowed', 'The sign-in arrives with GET.');
    if (!settle) return page(res, 410, 'Already signed in', 'This sign-in is already done; you can close this window.');
    if (!sameText(url.searchParams.get('state') ?? '', state)) {
      return page(res, 400, 'Sign-in refused', 'This sign-in was not started by the pitrix login that is waiting. Run pitrix login --sso again.');
    }
    const received = url.searchParams.get('code');
    if (!received) return page(res, 400, 'Sign-in refused', 'The sign-in came back without a code. Run pitrix login --sso again.');
    page(res, 200, 'Signed in to Pitrix', 'You are signed in; you can close this window and return to the terminal.');
    finish(undefined, received);
  });
  server.keepAliveTimeout = 1;
  const timer = setTimeout(() => finish(new PitrixError('AUTH.UNAUTHENTICATED', `no sign-in arrived within ${Math.round(timeoutMs / 1000)} s; run pitrix login --sso again`)), timeoutMs);
  timer.unref();
  function finish(error: Error | undefined, received?: string): void {
    const pending = settle;
    settle = undefined;
    clearTimeout(timer);
    if (pending) {
      if (error) pending.reject(error);
      else pending.resolve(received!);
    }
    server.close();
    server.closeIdleConnections();
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    code,
    close: async () => {
      finish(new PitrixError('AUTH.UNAUTHENTICATED', 'the sign-in was abandoned'));
      server.closeAllConnections();
    },
  };
}

/** Compares two texts in constant time (the state is a secret of this login). */
function sameText(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;margin:4em auto;max-width:36em"><h1>${title}</h1><p>${text}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    connection: 'close',
  });
  res.end(html);
}
