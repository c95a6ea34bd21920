import { PitrixError, isErrorCode } from '@pitrix/errors';

/** A GraphQL error as the API returns it. */
interface WireError {
  message: string;
  extensions?: { code?: string; problems?: Array<{ path: string; message: string }> };
}

/** How a client identifies its caller: an access token, or a session cookie (only while logging in). */
export interface ClientAuth {
  readonly token?: string;
  readonly cookie?: string;
  /** Appended to the message of an AUTH.UNAUTHENTICATED error (what the user should do). */
  readonly unauthenticatedHint?: string;
}

/** The hint for a refused or missing credential, unless the caller says otherwise. */
export const LOGIN_HINT = 'run `pitrix login` to sign in';

/** Talks to the Pitrix GraphQL API over HTTP. */
export class GraphQLClient {
  constructor(
    readonly endpoint: string,
    private readonly auth: ClientAuth = {},
  ) {}

  /** Runs one operation; a GraphQL error becomes a PitrixError with the API's code. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.auth.token) headers.authorization = `Bearer ${this.auth.token}`;
    if (this.auth.cookie) headers.cookie = this.auth.cookie;
    let response: Response;
    try {
      response = await fetch(this.endpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    } catch (err) {
      throw new PitrixError(
        'SYSTEM.DEPENDENCY_UNAVAILABLE',
        `cannot reach the Pitrix API at ${this.endpoint}: ${describeFetchError(err)}`,
      );
    }
    const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: WireError[] };
    if (body.errors && body.errors.length > 0) throw this.toPitrixError(body.errors[0] as WireError);
    if (!response.ok || body.data === undefined) {
      throw new PitrixError('SYSTEM.INTERNAL', `the API answered HTTP ${response.status} without data`);
    }
    return body.data;
  }

  private toPitrixError(error: WireError): PitrixError {
    const wireCode = error.extensions?.code;
    const code = isErrorCode(wireCode) ? wireCode : 'SYSTEM.INTERNAL';
    const hint = code === 'AUTH.UNAUTHENTICATED' ? (this.auth.unauthenticatedHint ?? LOGIN_HINT) : '';
    return new PitrixError(code, hint ? `${error.message} (${hint})` : error.message, error.extensions?.problems ?? []);
  }
}

/** The short reason a fetch failed (ECONNREFUSED, ENOTFOUND, ...). */
export function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}
