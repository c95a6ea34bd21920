/**
 * How an error should be treated at every boundary. `invalid`, `not_found`, `forbidden` and
 * `conflict` are the caller's problem and are never retried; `unavailable` is transient;
 * `failed` means the operation ran and failed, so running it again would repeat the failure.
 */
export type ErrorKind =
  | 'invalid'
  | 'failed'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'unavailable'
  | 'internal';

/**
 * The closed set of Pitrix error codes. A code never changes meaning once published; clients,
 * workflows and agents compare codes, never classes or message text.
 */
export const ERROR_CODES = {
  'INPUT.INVALID': 'invalid',
  'CONFIG.INVALID': 'invalid',
  'SYSTEM.DEPENDENCY_UNAVAILABLE': 'unavailable',
  'SYSTEM.INTERNAL': 'internal',
  'AUTH.FORBIDDEN': 'forbidden',
  'AUTH.UNAUTHENTICATED': 'unauthenticated',
  'SKELETON.RUN_NOT_FOUND': 'not_found',
  // The agent plane: pilot, frontgates and drones.
  'AGENT.DRONE_UNREACHABLE': 'unavailable',
  'AGENT.FRONTGATE_UNREACHABLE': 'unavailable',
  'AGENT.FRONTGATE_NOT_FOUND': 'not_found',
  'AGENT.DRONES_NOT_READY': 'unavailable',
  'AGENT.COMMAND_TIMED_OUT': 'failed',
  'AGENT.COMMAND_FAILED': 'failed',
  'AGENT.COMMAND_INTERRUPTED': 'failed',
  'AGENT.COMMAND_INVALID': 'invalid',
  'AGENT.PROTOCOL_ERROR': 'internal',
  'AGENT.CREDENTIAL_REJECTED': 'unauthenticated',
} as const satisfies Record<string, ErrorKind>;

/** One of the stable, dotted error codes (`DOMAIN.REASON`). */
export type ErrorCode = keyof typeof ERROR_CODES;

/** True when `value` is one of the published error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/** The kind of a code, which decides retries and the HTTP/GraphQL class of the error. */
export function kindOf(code: ErrorCode): ErrorKind {
  return ERROR_CODES[code];
}

/** Whether an operation that failed with `code` may succeed if simply tried again. */
export function isRetryable(code: ErrorCode): boolean {
  const kind = kindOf(code);
  return kind === 'unavailable' || kind === 'internal';
}
