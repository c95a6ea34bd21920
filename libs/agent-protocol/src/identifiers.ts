import { PitrixError } from '@pitrix/errors';

const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * True when `value` can be one token of a NATS subject or KV key: letters, digits, `-` and `_`,
 * 1 to 128 characters. Every id that goes into a subject (frontgate, cluster, node, command) is one.
 */
export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

/** Returns `value` when it is a valid token; otherwise throws `INPUT.INVALID` naming `what`. */
export function assertToken(what: string, value: string): string {
  if (!isToken(value)) {
    throw new PitrixError('INPUT.INVALID', `${what} must be 1-128 letters, digits, '-' or '_'`, [
      { path: what, message: 'not a valid identifier', expected: "letters, digits, '-' or '_'", found: value },
    ]);
  }
  return value;
}
