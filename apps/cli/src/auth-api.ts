import { PitrixError, isErrorCode } from '@pitrix/errors';
import { describeFetchError } from './graphql-client.js';

/** The account a password login signed in. */
export interface LoginUser {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
  readonly roles: string[];
}

const SESSION_COOKIE = 'pitrix_session';

/** The API's base URL: the GraphQL endpoint without its trailing `/graphql`. */
export function apiBase(endpoint: string): string {
  return endpoint.replace(/\/+$/, '').replace(/\/graphql$/, '');
}

/** Signs in with a password (`POST /auth/login`); returns the account and the session cookie to send. */
export async function passwordLogin(base: string, login: string, password: string): Promise<{ user: LoginUser; cookie: string }> {
  const response = await post(base, '/auth/login', { login, password });
  const body = (await response.json()) as { user: LoginUser };
  const cookie = sessionCookie(response.headers);
  if (!cookie) throw new PitrixError('SYSTEM.INTERNAL', `the API answered ${base}/auth/login without a ${SESSION_COOKIE} cookie`);
  return { user: body.user, cookie };
}

/** Ends a session (`POST /auth/logout`). */
export async function endSession(base: string, cookie: string): Promise<void> {
  const response = await post(base, '/auth/logout', {}, { cookie });
  await response.body?.cancel();
}

/** Trades the one-time code of an SSO login for a token (`POST /auth/cli/exchange`). */
export async function exchangeCliCode(base: string, code: string): Promise<{ token: string; tokenId: string }> {
  const response = await post(base, '/auth/cli/exchange', { code });
  return (await response.json()) as { token: string; tokenId: string };
}

/** `name=value` of the session cookie among the response's Set-Cookie headers. */
export function sessionCookie(headers: Headers): string | undefined {
  for (const header of headers.getSetCookie()) {
    const pair = header.split(';', 1)[0]!.trim();
    if (pair.startsWith(`${SESSION_COOKIE}=`) && pair.length > SESSION_COOKIE.length + 1) return pair;
  }
  return undefined;
}

/** Posts JSON; an error answer becomes a PitrixError with the API's code. */
async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const url = `${base}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      redirect: 'manual',
    });
  } catch (err) {
    throw new PitrixError('SYSTEM.DEPENDENCY_UNAVAILABLE', `cannot reach the Pitrix API at ${url}: ${describeFetchError(err)}`);
  }
  if (response.ok) return response;
  const answer = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string; problems?: Array<{ path: string; message: string }> } };
  const code = answer.error?.code;
  throw new PitrixError(
    isErrorCode(code) ? code : 'SYSTEM.INTERNAL',
    answer.error?.message ?? `the API answered HTTP ${response.status} at ${url}`,
    answer.error?.problems ?? [],
  );
}
