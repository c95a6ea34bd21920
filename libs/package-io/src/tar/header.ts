import { loadError } from '../limits.js';

/** One 512-byte tar header, decoded. */
export interface TarHeader {
  readonly name: string;
  readonly mode: number;
  readonly size: number;
  readonly type: string;
}

/** Size of a tar block. */
export const BLOCK = 512;
const decoder = new TextDecoder('utf-8');

function text(block: Uint8Array, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return decoder.decode(end < 0 ? field : field.subarray(0, end));
}

function octal(block: Uint8Array, start: number, length: number, what: string): number {
  const first = block[start] ?? 0;
  // GNU base-256 sizes exist only for entries of 8 GiB and more: far past any limit.
  if (first & 0x80) return Number.MAX_SAFE_INTEGER;
  const digits = text(block, start, length).trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) throw corrupt(`the ${what} field of a header is not an octal number`);
  return parseInt(digits, 8);
}

/** A header that does not decode: the archive is damaged or not a tar. */
export function corrupt(message: string): Error {
  return loadError('PACKAGE.INVALID', 'archive.corrupt', '$', message);
}

/** True for the all-zero block that ends an archive. */
export function isEndBlock(block: Uint8Array): boolean {
  return block.every((byte) => byte === 0);
}

/** Decodes a header block, verifying its checksum; `name` joins the ustar prefix and name. */
export function decodeHeader(block: Uint8Array): TarHeader {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] ?? 0);
  if (octal(block, 148, 8, 'checksum') !== sum) throw corrupt('a header checksum does not match (not a tar archive, or a damaged one)');
  const name = text(block, 0, 100);
  const magic = text(block, 257, 6);
  const prefix = magic.startsWith('ustar') ? text(block, 345, 155) : '';
  return {
    name: prefix === '' ? name : `${prefix}/${name}`,
    mode: octal(block, 100, 8, 'mode') & 0o777,
    size: octal(block, 124, 12, 'size'),
    type: String.fromCharCode(block[156] ?? 0),
  };
}

/** Reads the `path` (and `size`) records of a pax extended header. */
export function decodePax(data: Uint8Array): { path?: string; size?: number } {
  const out: { path?: string; size?: number } = {};
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space < 0) throw corrupt('a pax header record has no length');
    const length = Number(decoder.decode(data.subarray(offset, space)));
    if (!Number.isInteger(length) || length <= space - offset || offset + length > data.length) throw corrupt('a pax header record has a bad length');
    const record = decoder.decode(data.subarray(space + 1, offset + length - 1));
    const equals = record.indexOf('=');
    const key = record.slice(0, equals);
    const value = record.slice(equals + 1);
    if (key === 'path') out.path = value;
    if (key === 'size') out.size = /^\d+$/.test(value) ? Number(value) : Number.MAX_SAFE_INTEGER;
    offset += length;
  }
  return out;
}
