import { hasErrorCode } from '@pitrix/errors';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseKeyRing, SecretBox } from '../src/index.js';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
}

describe('SecretBox', () => {
  const k1 = key('k1');
  const k2 = key('k2');

  it('round-trips a secret and never stores the plaintext', () => {
    const box = new SecretBox(parseKeyRing(k1));
    const sealed = box.seal('{"secretAccessKey":"wJalrXUtnFEMI"}', 'cred-1');
    expect(JSON.stringify(sealed)).not.toContain('wJalrXUtnFEMI');
    expect(sealed.kid).toBe('k1');
    expect(box.open(sealed, 'cred-1')).toBe('{"secretAccessKey":"wJalrXUtnFEMI"}');
  });

  it('seals the same secret differently every time', () => {
    const box = new SecretBox(parseKeyRing(k1));
    expect(box.seal('x', 'c').ciphertext).not.toBe(box.seal('x', 'c').ciphertext);
  });

  it.each([
    ['another record', (box: SecretBox, sealed: ReturnType<SecretBox['seal']>) => box.open(sealed, 'cred-2')],
    ['a flipped byte', (box: SecretBox, sealed: ReturnType<SecretBox['seal']>) => box.open({ ...sealed, ciphertext: flip(sealed.ciphertext) }, 'cred-1')],
    ['an unknown key id', (box: SecretBox, sealed: ReturnType<SecretBox['seal']>) => box.open({ ...sealed, kid: 'nope' }, 'cred-1')],
  ])('refuses to open it for %s', (_case, open) => {
    const box = new SecretBox(parseKeyRing(k1));
    const sealed = box.seal('secret', 'cred-1');
    expect(codeOf(() => open(box, sealed))).toBe('SECRET.UNREADABLE');
  });

  it('rotates: an old key still opens, rewrap moves the secret to the new key', () => {
    const old = new SecretBox(parseKeyRing(k1));
    const sealed = old.seal('secret', 'cred-1');
    const rotated = new SecretBox(parseKeyRing(`${k2},${k1}`));
    expect(rotated.open(sealed, 'cred-1')).toBe('secret');
    const rewrapped = rotated.rewrap(sealed, 'cred-1');
    expect(rewrapped.kid).toBe('k2');
    expect(rewrapped.ciphertext).toBe(sealed.ciphertext);
    expect(new SecretBox(parseKeyRing(k2)).open(rewrapped, 'cred-1')).toBe('secret');
  });
});

describe('parseKeyRing', () => {
  it.each([
    ['an empty list', ''],
    ['a key without id', randomBytes(32).toString('base64')],
    ['a short key', `k:${randomBytes(16).toString('base64')}`],
    ['a duplicate id', `${key('a')},${key('a')}`],
  ])('rejects %s as CONFIG.INVALID without echoing key bytes', (_case, spec) => {
    let error: unknown;
    try {
      parseKeyRing(spec);
    } catch (err) {
      error = err;
    }
    expect(hasErrorCode(error, 'CONFIG.INVALID')).toBe(true);
    const material = spec.split(',')[0]?.split(':').pop() ?? '';
    if (material.length > 8) expect((error as Error).message).not.toContain(material);
  });
});

function flip(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  return bytes.toString('base64');
}
