import { PitrixError } from '@pitrix/errors';

/** The HTTP status of a failed API call, or undefined when there was no answer. */
export function statusOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** Whether the API server answered 404. */
export function isNotFound(err: unknown): boolean {
  return statusOf(err) === 404;
}

/** The server's own message of a failed call (its Status `message`), or the error's. */
export function serverMessage(err: unknown): string {
  const body = (err as { body?: unknown } | null)?.body;
  const parsed = typeof body === 'string' ? tryJson(body) : body;
  const message = (parsed as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && message !== '') return message;
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}

/** Whether the call failed without an answer from the server (refused, reset, timed out, TLS). */
export function isConnectionFailure(err: unknown): boolean {
  if (statusOf(err) !== undefined) return false;
  const text = `${(err as { name?: string } | null)?.name ?? ''} ${(err as { message?: string } | null)?.message ?? ''} ${(err as { code?: string } | null)?.code ?? ''}`;
  return /FetchError|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|socket hang up|certificate|self.signed|TLS|SSL|fetch failed|network/i.test(text);
}

/** `KUBERNETES.UNREACHABLE` naming the server (a transient problem: the call is retried). */
export function unreachable(server: string, err: unknown): PitrixError {
  const detail = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
  return new PitrixError('KUBERNETES.UNREACHABLE', `The Kubernetes API server ${server} cannot be reached: ${detail}`);
}

/**
 * Turns a failed API call into the error a caller should see: no answer is
 * `KUBERNETES.UNREACHABLE`, 401/403 `KUBERNETES.FORBIDDEN` with the server's message, and
 * anything else stays a plain error (a server error or conflict is worth a retry).
 */
export function apiError(server: string, what: string, err: unknown): Error {
  if (isConnectionFailure(err)) return unreachable(server, err);
  const status = statusOf(err);
  if (status === 401 || status === 403) return new PitrixError('KUBERNETES.FORBIDDEN', `Not allowed to ${what}: ${serverMessage(err)}`);
  return new Error(`Cannot ${what}: ${status ?? ''} ${serverMessage(err)}`.replace(/\s+/g, ' '));
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
