import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPitrixError, PitrixError, type ErrorCode } from '@pitrix/errors';
import { tooLarge } from '../limits.js';
import { FetchAllowList } from './address-policy.js';
import { resolveDestination, type PinnedAddress } from './destination.js';

/**
 * Where and how long outbound fetches may go: the destinations allowed despite their range
 * (`PITRIX_FETCH_ALLOW`), the time one fetch may take in all (redirects and body included),
 * and how many same-origin redirects are followed.
 */
export interface OutboundFetchPolicy {
  readonly allow: FetchAllowList;
  readonly timeoutMs: number;
  readonly maxRedirects: number;
}

/** The policy to use when none is configured: no allowances, two minutes, five redirects. */
export function outboundFetchPolicy(options: { allow?: readonly string[]; timeoutMs?: number; maxRedirects?: number } = {}): OutboundFetchPolicy {
  return { allow: new FetchAllowList(options.allow ?? []), timeoutMs: options.timeoutMs ?? 120_000, maxRedirects: options.maxRedirects ?? 5 };
}

/** The policy of a process from its `PITRIX_FETCH_*` settings (`config.fetch` of the API and the worker). */
export function fetchPolicyFromSettings(settings: { readonly allow: readonly string[]; readonly timeoutSeconds: number; readonly maxRedirects: number }): OutboundFetchPolicy {
  return outboundFetchPolicy({ allow: settings.allow, timeoutMs: settings.timeoutSeconds * 1000, maxRedirects: settings.maxRedirects });
}

/** One fetch: method, headers, the body's size cap and what is fetched (named in the size error). */
export interface GuardedRequest {
  readonly method?: 'GET' | 'HEAD';
  readonly headers?: Readonly<Record<string, string>>;
  readonly maxBytes: number;
  /** `index` or `archive`: the problem code of a body past the cap is `limit.<kind>_bytes`. */
  readonly kind: 'index' | 'archive';
  /** The code of a connection failure or timeout (default `REPO.UNREACHABLE`). */
  readonly unreachable?: ErrorCode;
}

/** A response: its status and headers, and the body (read only for 2xx GETs, else empty). */
export interface GuardedResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Uint8Array;
}

/**
 * Fetches an http(s) URL for repository content. The destination is checked before connecting
 * and the connection pinned to the checked address; redirects are followed (at most
 * `maxRedirects`) only within the same scheme, host and port, else `REPO.REDIRECT_REFUSED`; the
 * body is read as a stream and the transfer aborted as soon as it passes `maxBytes`
 * (`PACKAGE.TOO_LARGE`); the whole fetch ends after `timeoutMs` (the `unreachable` code).
 */
export async function guardedFetch(url: string | URL, request: GuardedRequest, policy: OutboundFetchPolicy): Promise<GuardedResponse> {
  const origin = new URL(url);
  if (origin.protocol !== 'http:' && origin.protocol !== 'https:') throw new PitrixError('INPUT.INVALID', `only http and https URLs can be fetched, not ${origin.protocol}`);
  const unreachable = request.unreachable ?? 'REPO.UNREACHABLE';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  try {
    let current = origin;
    for (let redirects = 0; ; redirects++) {
      const pinned = await resolveDestination(current, policy.allow, unreachable);
      const response = await send(current, pinned, request, controller.signal).catch((err: unknown) => {
        throw failure(unreachable, origin, controller.signal.aborted ? `no answer within ${policy.timeoutMs} ms` : describe(err));
      });
      const location = response.headers.location;
      if (response.statusCode !== undefined && response.statusCode >= 300 && response.statusCode < 400 && location) {
        response.destroy();
        current = nextLocation(origin, current, location, redirects, policy.maxRedirects);
        continue;
      }
      return await readResponse(response, origin, request, controller.signal, () => failure(unreachable, origin, `no answer within ${policy.timeoutMs} ms`));
    }
  } finally {
    clearTimeout(timer);
  }
}

function nextLocation(origin: URL, current: URL, location: string, redirects: number, max: number): URL {
  const next = new URL(location, current);
  if (next.protocol !== origin.protocol || next.host !== origin.host) {
    throw new PitrixError('REPO.REDIRECT_REFUSED', `${origin.host} redirected to ${next.protocol}//${next.host}; redirects are followed only within ${origin.protocol}//${origin.host}`, [{ path: 'url', message: 'redirect to another origin', found: `${next.protocol}//${next.host}` }]);
  }
  if (redirects + 1 > max) throw new PitrixError('REPO.REDIRECT_REFUSED', `${origin.host} redirected more than ${max} times`);
  return next;
}

function send(url: URL, pinned: readonly PinnedAddress[], request: GuardedRequest, signal: AbortSignal): Promise<IncomingMessage> {
  // The connection goes to the addresses the policy checked, never to a second DNS answer.
  const first = pinned[0] as PinnedAddress;
  const lookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options.all) callback(null, pinned.map(({ address, family }) => ({ address, family })));
    else callback(null, first.address, first.family);
  }) as unknown as LookupFunction;
  const open = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = open(url, { method: request.method ?? 'GET', headers: { ...request.headers }, lookup, signal, agent: false }, resolve);
    req.on('error', reject);
    req.end();
  });
}

async function readResponse(response: IncomingMessage, url: URL, request: GuardedRequest, signal: AbortSignal, timedOut: () => PitrixError): Promise<GuardedResponse> {
  const status = response.statusCode ?? 0;
  const empty = { status, headers: response.headers, body: new Uint8Array(0) };
  if (request.method === 'HEAD' || status < 200 || status >= 300) {
    response.destroy();
    return empty;
  }
  const problem = `limit.${request.kind}_bytes`;
  const declared = Number(response.headers['content-length'] ?? NaN);
  if (declared > request.maxBytes) {
    response.destroy();
    throw tooLarge(problem, url.toString(), `the ${request.kind} is too large`, request.maxBytes, declared);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > request.maxBytes) {
        response.destroy();
        throw tooLarge(problem, url.toString(), `the ${request.kind} is too large`, request.maxBytes, total);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    if (isPitrixError(err)) throw err;
    throw signal.aborted ? timedOut() : failure(request.unreachable ?? 'REPO.UNREACHABLE', url, `the transfer failed: ${describe(err)}`);
  }
  return { ...empty, body: new Uint8Array(Buffer.concat(chunks, total)) };
}

function failure(code: ErrorCode, url: URL, why: string): PitrixError {
  return new PitrixError(code, `cannot fetch ${url.protocol}//${url.host}${url.pathname}: ${why}`);
}

function describe(err: unknown): string {
  const e = err as { code?: string; cause?: { code?: string }; message?: string };
  return e.code ?? e.cause?.code ?? e.message ?? String(err);
}
