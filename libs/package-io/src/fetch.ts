import { PitrixError } from '@pitrix/errors';
import type { PackageFile } from '@pitrix/package';
import { loadPackageFromBytes } from './load-bytes.js';
import { loadError, tooLarge, type PackageLimits } from './limits.js';

/** How to fetch: an injectable `fetch` (tests, proxies) and a time limit for the whole download. */
export interface FetchOptions {
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

/**
 * Downloads a package archive over http(s), refusing it as soon as it exceeds `maxArchiveBytes`
 * (from Content-Length, or while streaming when there is none). 404 and 410 are
 * `PACKAGE.NOT_FOUND`; other failures are `SYSTEM.DEPENDENCY_UNAVAILABLE`, which a retry may fix.
 */
export async function fetchPackageBytes(url: string, limits: PackageLimits, options: FetchOptions = {}): Promise<Uint8Array> {
  const protocol = new URL(url).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') throw new PitrixError('INPUT.INVALID', `only http and https package URLs can be fetched, not ${protocol}`);
  const response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 60_000) }).catch((err: unknown) => {
    throw new PitrixError('SYSTEM.DEPENDENCY_UNAVAILABLE', `cannot fetch ${url}: ${describe(err)}`);
  });
  if (response.status === 404 || response.status === 410) throw loadError('PACKAGE.NOT_FOUND', 'package.not_found', url, `the server answered ${response.status}`);
  if (!response.ok || !response.body) throw new PitrixError('SYSTEM.DEPENDENCY_UNAVAILABLE', `cannot fetch ${url}: the server answered ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > limits.maxArchiveBytes) {
    await response.body.cancel();
    throw tooLarge('limit.archive_bytes', url, 'the archive is too large', limits.maxArchiveBytes, declared);
  }
  return readCapped(response.body, url, limits.maxArchiveBytes);
}

/** Downloads and loads a package from an http(s) URL (see `fetchPackageBytes` and `loadPackageFromBytes`). */
export async function loadPackageFromUrl(url: string, limits: PackageLimits, options: FetchOptions = {}): Promise<PackageFile[]> {
  return loadPackageFromBytes(await fetchPackageBytes(url, limits, options), limits);
}

async function readCapped(body: ReadableStream<Uint8Array>, url: string, max: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read().catch((err: unknown) => {
      throw new PitrixError('SYSTEM.DEPENDENCY_UNAVAILABLE', `the download of ${url} failed: ${describe(err)}`);
    });
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw tooLarge('limit.archive_bytes', url, 'the archive is too large', max, total);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function describe(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}
