import type { IncomingHttpHeaders } from 'node:http';

/** Name of the cookie that carries a browser session id. */
export const SESSION_COOKIE = 'pitrix_session';

/** A credential presented with a request: an access token or a session id. */
export type PresentedCredential = { readonly kind: 'token' | 'session'; readonly value: string };

/**
 * The credential a request presents: `Authorization: Bearer <token>` first, else the session
 * cookie. Nothing else identifies a caller; no header names a user or a role.
 */
export function presentedCredential(headers: IncomingHttpHeaders | Record<string, unknown>): PresentedCredential | undefined {
  const authorization = single(headers['authorization']);
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? { kind: 'token', value: match[1]! } : undefined;
  }
  const session = cookieValue(single(headers['cookie']), SESSION_COOKIE);
  return session ? { kind: 'session', value: session } : undefined;
}

/** The value of one cookie in a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function single(value: unknown): string | undefined {
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}
