import { BLOCK } from './header.js';

/** A file to write into a tar: its full path inside the archive, bytes and mode. */
export interface TarFile {
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly mode: number;
}

const encoder = new TextEncoder();

function put(block: Uint8Array, offset: number, length: number, value: string): void {
  block.set(encoder.encode(value).subarray(0, length), offset);
}

function octalField(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** Splits a long path into ustar prefix and name, or undefined when it needs a pax header. */
function splitUstar(path: string): { prefix: string; name: string } | undefined {
  const bytes = encoder.encode(path);
  if (bytes.length <= 100) return { prefix: '', name: path };
  for (let cut = path.indexOf('/'); cut > 0; cut = path.indexOf('/', cut + 1)) {
    const prefix = path.slice(0, cut);
    const name = path.slice(cut + 1);
    if (encoder.encode(prefix).length <= 155 && encoder.encode(name).length <= 100) return { prefix, name };
  }
  return undefined;
}

function header(name: string, prefix: string, size: number, mode: number, type: string): Uint8Array {
  const block = new Uint8Array(BLOCK);
  put(block, 0, 100, name);
  put(block, 100, 8, octalField(mode, 8));
  put(block, 108, 8, octalField(0, 8));
  put(block, 116, 8, octalField(0, 8));
  put(block, 124, 12, octalField(size, 12));
  put(block, 136, 12, octalField(0, 12));
  put(block, 148, 8, '        ');
  put(block, 156, 1, type);
  put(block, 257, 6, 'ustar\0');
  put(block, 263, 2, '00');
  put(block, 345, 155, prefix);
  let sum = 0;
  for (const byte of block) sum += byte;
  put(block, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

/** A pax record is `<length> <key>=<value>\n`, where the length counts its own digits. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyBytes = encoder.encode(body).length;
  let length = bodyBytes + 1;
  while (String(length).length + bodyBytes !== length) length = String(length).length + bodyBytes;
  return `${length}${body}`;
}

function padded(bytes: Uint8Array): Uint8Array[] {
  const padding = (BLOCK - (bytes.length % BLOCK)) % BLOCK;
  return padding === 0 ? [bytes] : [bytes, new Uint8Array(padding)];
}

/**
 * Writes a ustar archive with nothing that varies between machines or runs: the given order,
 * owner 0, time 0, no user or group names. Paths too long for ustar get a pax `path` record.
 */
export function writeTar(files: readonly TarFile[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const file of files) {
    const split = splitUstar(file.path);
    if (!split) {
      const pax = encoder.encode(paxRecord('path', file.path));
      blocks.push(header(`PaxHeader/${file.path.slice(-80)}`, '', pax.length, 0o644, 'x'), ...padded(pax));
    }
    const { prefix, name } = split ?? { prefix: '', name: file.path.slice(-100) };
    blocks.push(header(name, prefix, file.bytes.length, file.mode, '0'), ...padded(file.bytes));
  }
  blocks.push(new Uint8Array(BLOCK * 2));
  const out = new Uint8Array(blocks.reduce((total, block) => total + block.length, 0));
  let offset = 0;
  for (const block of blocks) {
    out.set(block, offset);
    offset += block.length;
  }
  return out;
}
