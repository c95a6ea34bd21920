import { PitrixError } from '@pitrix/errors';

/** A master key: its id (stored next to everything it wraps) and 32 key bytes. */
export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

/** The master keys a process knows: the first one wraps new secrets, all of them can unwrap. */
export interface KeyRing {
  readonly active: MasterKey;
  find(id: string): MasterKey | undefined;
}

/**
 * Parses `id:base64key[,id:base64key...]` (newest first). Every key must be 32 bytes and every id
 * unique; the error names the setting and the offending key id, never the key material.
 */
export function parseKeyRing(spec: string, setting = 'PITRIX_SECRET_KEYS'): KeyRing {
  const keys = spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part, index) => parseKey(part, index, setting));
  if (keys.length === 0) throw new PitrixError('CONFIG.INVALID', `${setting}: expected at least one id:base64key`);
  const ids = new Set<string>();
  for (const key of keys) {
    if (ids.has(key.id)) throw new PitrixError('CONFIG.INVALID', `${setting}: key id ${key.id} appears twice`);
    ids.add(key.id);
  }
  const byId = new Map(keys.map((key) => [key.id, key]));
  return { active: keys[0] as MasterKey, find: (id) => byId.get(id) };
}

function parseKey(part: string, index: number, setting: string): MasterKey {
  const separator = part.indexOf(':');
  const id = separator > 0 ? part.slice(0, separator) : '';
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
    throw new PitrixError('CONFIG.INVALID', `${setting}: key #${index + 1} must look like id:base64key with a short id`);
  }
  const key = Buffer.from(part.slice(separator + 1), 'base64');
  if (key.length !== 32) {
    throw new PitrixError('CONFIG.INVALID', `${setting}: key ${id} must be 32 bytes of base64, found ${key.length} bytes`);
  }
  return { id, key };
}
