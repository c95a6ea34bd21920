import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadPackageConfig } from '@pitrix/config';
import type { Headers } from 'tar-stream';
import type { PackageLimits } from '../src/index.js';

/** The default limits, as a process gets them from its configuration. */
export const LIMITS: PackageLimits = loadPackageConfig({}).package;

/** Package fixtures of the pure library, reused here through the real loaders. */
export const FIXTURES = join(__dirname, '../../package/test/testdata/packages');

/** The example packages shipped with the repository. */
export const EXAMPLES = join(__dirname, '../../../examples/packages');

/** One entry for `tarGz`: a header as tar-stream encodes it, and the data of a file. */
export interface RawEntry {
  readonly header: Headers;
  readonly data?: Uint8Array | string;
}

interface HeaderCodec {
  encode(header: Record<string, unknown>): Buffer | null;
}
const headers = createRequire(__filename)('tar-stream/headers') as HeaderCodec;
const END = new Uint8Array(1024);

/** The tar bytes of one entry: header (tar-stream's encoder), data and padding. */
export function tarEntry(entry: RawEntry): Uint8Array {
  const data = typeof entry.data === 'string' ? new TextEncoder().encode(entry.data) : (entry.data ?? new Uint8Array(0));
  const typeflag = entry.header.type === 'directory' ? 5 : undefined;
  const header = headers.encode({ mode: 0o644, uid: 0, gid: 0, mtime: new Date(0), size: data.length, type: 'file', typeflag, ...entry.header });
  if (!header) throw new Error(`tar-stream cannot encode ${entry.header.name}`);
  const padding = new Uint8Array((512 - (data.length % 512)) % 512);
  return Buffer.concat([header, data, padding]);
}

/**
 * Builds a .tgz from raw entries with tar-stream's header encoder, an implementation independent
 * of the one under test, so hostile entries (links, devices, `..`) are written exactly as an
 * attacker would write them.
 */
export function tarGz(entries: Iterable<RawEntry>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const entry of entries) parts.push(tarEntry(entry));
  parts.push(END);
  return new Uint8Array(gzipSync(Buffer.concat(parts), { level: 1 }));
}

/**
 * A decompression bomb: `count` files of `size` zero bytes. gzip members may be concatenated, so
 * the zeros are compressed once and repeated: a few MiB of archive, gigabytes once inflated.
 */
export function zeroBomb(count: number, size: number): Uint8Array {
  const zeros = gzipSync(new Uint8Array(size));
  const parts: Uint8Array[] = [gzipSync(Buffer.concat(minimalPackage().map(tarEntry)))];
  for (let i = 0; i < count; i++) {
    const header = tarEntry({ header: { name: `demo/files/zero-${i}.bin`, size, type: 'file' } }).subarray(0, 512);
    parts.push(gzipSync(header), zeros);
  }
  parts.push(gzipSync(END));
  return new Uint8Array(Buffer.concat(parts));
}

/** A minimal valid package, as archive entries under a top folder. */
export function minimalPackage(top = 'demo'): RawEntry[] {
  const file = (name: string, data: string, mode = 0o644): RawEntry => ({ header: { name: `${top}/${name}`, mode, type: 'file' }, data });
  return [
    { header: { name: `${top}/`, type: 'directory', mode: 0o755 } },
    file('package.json', '{"name": "demo", "version": "1.0.0"}'),
    file('config.json', '{"type": "array", "properties": [{"key": "cluster", "type": "array", "properties": [{"key": "count", "type": "integer", "default": 1}]}]}'),
    file('cluster.json.tmpl', '{"name": "demo", "nodes": [{"role": "app", "count": {{cluster.count}}, "cpu": 1, "memory": 64}]}'),
    file('README.md', '# demo'),
  ];
}

/** The code of the Pitrix error a promise rejects with, and the code of its first problem. */
export async function rejection(promise: Promise<unknown>): Promise<{ code: string; problem?: string }> {
  try {
    await promise;
  } catch (err) {
    const { code, problems } = err as { code?: string; problems?: Array<{ code?: string }> };
    return { code: code ?? String(err), problem: problems?.[0]?.code };
  }
  throw new Error('expected the promise to reject');
}
