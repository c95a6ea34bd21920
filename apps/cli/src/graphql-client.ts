import { PitrixError, isErrorCode } from '@pitrix/errors';

/** A GraphQL error as the API returns it. */
interface WireError {
  message: string;
  extensions?: { code?: string; problems?: Array<{ path: string; message: string }> };
}

/** Talks to the Pitrix GraphQL API over HTTP. */
export class GraphQLClient {
  constructor(readonly endpoint: string) {}

  /** Runs one operation; a GraphQL error becomes a PitrixError with the API's code. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
    } catch (err) {
      throw new PitrixError(
        'SYSTEM.DEPENDENCY_UNAVAILABLE',
        `cannot reach the Pitrix API at ${this.endpoint}: ${describeFetchError(err)}`,
      );
    }
    const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: WireError[] };
    if (body.errors && body.errors.length > 0) throw toPitrixError(body.errors[0] as WireError);
    if (!response.ok || body.data === undefined) {
      throw new PitrixError('SYSTEM.INTERNAL', `the API answered HTTP ${response.status} without data`);
    }
    return body.data;
  }
}

function toPitrixError(error: WireError): PitrixError {
  const code = error.extensions?.code;
  return new PitrixError(isErrorCode(code) ? code : 'SYSTEM.INTERNAL', error.message, error.extensions?.problems ?? []);
}

function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}
