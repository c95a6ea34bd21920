import { randomBytes } from 'node:crypto';

/** The resource kinds and their id prefixes. */
export const ID_PREFIXES = {
  repo: 'repo',
  repoEvent: 'repoe',
  app: 'app',
  appVersion: 'appv',
  category: 'ctg',
  runtime: 'rt',
  credential: 'cred',
  cluster: 'cl',
  clusterNode: 'cln',
  job: 'job',
  task: 'task',
  frontgate: 'fg',
  audit: 'aud',
  user: 'usr',
  group: 'grp',
  token: 'tok',
  securityEvent: 'sev',
  alarm: 'alm',
} as const;

/** A resource kind. */
export type IdKind = keyof typeof ID_PREFIXES;

// No 0/o, 1/l/i: ids are read aloud and typed by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 10;

/** A new random id such as `cl-k3x9m2pqrs` (10 characters, about 49 bits). */
export function newId(kind: IdKind): string {
  const bytes = randomBytes(LENGTH);
  let suffix = '';
  for (const byte of bytes) suffix += ALPHABET[byte % ALPHABET.length];
  return `${ID_PREFIXES[kind]}-${suffix}`;
}

/** True when `value` is an id of `kind` (used to reject malformed ids before any lookup). */
export function isId(kind: IdKind, value: string): boolean {
  return new RegExp(`^${ID_PREFIXES[kind]}-[${ALPHABET}]{${LENGTH}}$`).test(value);
}
