import { PitrixError } from '@pitrix/errors';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyRing } from './key-ring.js';

/**
 * A secret encrypted at rest: the payload is sealed with a fresh data key (AES-256-GCM), and the
 * data key is wrapped with a master key whose id is kept, so master keys can rotate without
 * re-encrypting payloads. Everything is base64; nothing here is secret on its own.
 */
export interface SealedSecret {
  readonly v: 1;
  readonly kid: string;
  readonly wrappedKey: string;
  readonly wrapIv: string;
  readonly wrapTag: string;
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

const ALGORITHM = 'aes-256-gcm';

/** Encrypts and decrypts secrets with a key ring. `context` binds a secret to its owner record. */
export class SecretBox {
  constructor(private readonly keys: KeyRing) {}

  /** The id of the master key new seals (and `rewrap`) use: the newest key of the ring. */
  get activeKeyId(): string {
    return this.keys.active.id;
  }

  /** Seals `plaintext`; the same `context` must be given to open it (e.g. the credential id). */
  seal(plaintext: string, context: string): SealedSecret {
    const dataKey = randomBytes(32);
    const payload = encrypt(dataKey, Buffer.from(plaintext, 'utf8'), context);
    const wrapped = encrypt(this.keys.active.key, dataKey, `${this.keys.active.id}:${context}`);
    return {
      v: 1,
      kid: this.keys.active.id,
      wrappedKey: wrapped.ciphertext,
      wrapIv: wrapped.iv,
      wrapTag: wrapped.tag,
      iv: payload.iv,
      tag: payload.tag,
      ciphertext: payload.ciphertext,
    };
  }

  /** Opens a sealed secret; a wrong context, an unknown key id or tampering is `SECRET.UNREADABLE`. */
  open(sealed: SealedSecret, context: string): string {
    const dataKey = this.unwrap(sealed, context);
    try {
      return decrypt(dataKey, sealed, context).toString('utf8');
    } catch {
      throw new PitrixError('SECRET.UNREADABLE', `secret for ${context} cannot be decrypted (tampered or wrong context)`);
    }
  }

  /** Re-wraps the data key with the active master key (key rotation); the payload is unchanged. */
  rewrap(sealed: SealedSecret, context: string): SealedSecret {
    if (sealed.kid === this.keys.active.id) return sealed;
    const dataKey = this.unwrap(sealed, context);
    const wrapped = encrypt(this.keys.active.key, dataKey, `${this.keys.active.id}:${context}`);
    return { ...sealed, kid: this.keys.active.id, wrappedKey: wrapped.ciphertext, wrapIv: wrapped.iv, wrapTag: wrapped.tag };
  }

  private unwrap(sealed: SealedSecret, context: string): Buffer {
    const master = this.keys.find(sealed.kid);
    if (!master) throw new PitrixError('SECRET.UNREADABLE', `secret for ${context} is wrapped with unknown key ${sealed.kid}`);
    try {
      return decrypt(master.key, { iv: sealed.wrapIv, tag: sealed.wrapTag, ciphertext: sealed.wrappedKey }, `${sealed.kid}:${context}`);
    } catch {
      throw new PitrixError('SECRET.UNREADABLE', `secret for ${context} cannot be unwrapped with key ${sealed.kid}`);
    }
  }
}

interface Encrypted {
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

function encrypt(key: Buffer, plaintext: Buffer, aad: string): Encrypted {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

function decrypt(key: Buffer, encrypted: Encrypted, aad: string): Buffer {
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(encrypted.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(encrypted.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(encrypted.ciphertext, 'base64')), decipher.final()]);
}
