import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Cost of new hashes: the OWASP Password Storage Cheat Sheet's scrypt parameters (N=2^17, r=8, p=1). */
const CURRENT = { ln: 17, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds for parameters read from a stored hash, so a tampered row cannot ask for gigabytes.
const LIMITS = { ln: [10, 18], r: [1, 16], p: [1, 4] } as const;
const FORMAT = /^scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

type Params = { readonly ln: number; readonly r: number; readonly p: number };

/**
 * Derivations running at once. Each takes 128 MiB and about a second of one of libuv's four pool
 * threads, which file and DNS calls share: a burst of logins waits here instead of starving them.
 */
const MAX_CONCURRENT_DERIVATIONS = 2;
let running = 0;
const waiting: Array<() => void> = [];

/**
 * Hashes a password with scrypt and a random 16-byte salt into a self-describing string,
 * `scrypt$ln=17,r=8,p=1$<salt base64>$<key base64>`, so the cost can be raised later.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, CURRENT, KEY_BYTES);
  return `scrypt$ln=${CURRENT.ln},r=${CURRENT.r},p=${CURRENT.p}$${b64(salt)}$${b64(key)}`;
}

/**
 * True when `password` matches `encoded` (compared in constant time). A malformed or
 * out-of-bounds hash is `false`, never an error.
 */
export async function verifyPasswordHash(password: string, encoded: string): Promise<boolean> {
  const parsed = parse(encoded);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when a stored hash was made with other parameters than new hashes use (rehash it at the next login). */
export function hashNeedsUpgrade(encoded: string): boolean {
  const parsed = parse(encoded);
  return !parsed || parsed.params.ln !== CURRENT.ln || parsed.params.r !== CURRENT.r || parsed.params.p !== CURRENT.p;
}

/**
 * A valid hash of no password anyone knows: verifying against it costs what a real check costs,
 * so an unknown login takes as long as a wrong password.
 */
export const DUMMY_HASH = `scrypt$ln=${CURRENT.ln},r=${CURRENT.r},p=${CURRENT.p}$${b64(Buffer.alloc(SALT_BYTES, 0x5a))}$${b64(Buffer.alloc(KEY_BYTES, 0xa5))}`;

function parse(encoded: string): { params: Params; salt: Buffer; key: Buffer } | undefined {
  const match = FORMAT.exec(encoded);
  if (!match) return undefined;
  const params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  for (const name of ['ln', 'r', 'p'] as const) {
    const [min, max] = LIMITS[name];
    if (params[name] < min || params[name] > max) return undefined;
  }
  const key = Buffer.from(match[5]!, 'base64');
  return key.length >= 16 ? { params, salt: Buffer.from(match[4]!, 'base64'), key } : undefined;
}

async function derive(password: string, salt: Buffer, params: Params, length: number): Promise<Buffer> {
  // A finishing derivation hands its slot straight to the next waiter, so the bound holds.
  if (running < MAX_CONCURRENT_DERIVATIONS) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await deriveNow(password, salt, params, length);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function deriveNow(password: string, salt: Buffer, params: Params, length: number): Promise<Buffer> {
  const N = 2 ** params.ln;
  // scrypt needs a little over 128·N·r bytes (128 MiB at the current cost); allow twice that.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
