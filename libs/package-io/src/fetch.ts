import { PitrixError } from '@pitrix/errors';
import type { PackageFile } from '@pitrix/package';
import { guardedFetch, outboundFetchPolicy, type OutboundFetchPolicy } from './fetch/guarded-fetch.js';
import { loadPackageFromBytes } from './load-bytes.js';
import { loadError, type PackageLimits } from './limits.js';

/** How to fetch: the outbound policy (destinations allowed, timeout, redirects); strict when absent. */
export interface FetchOptions {
  readonly policy?: OutboundFetchPolicy;
}

/**
 * Downloads a package archive over http(s) through the guarded fetcher, refusing it as soon as
 * it exceeds `maxArchiveBytes` (from Content-Length, or while streaming). 404 and 410 are
 * `PACKAGE.NOT_FOUND`; a refused destination or redirect keeps its `REPO.*` code; other failures
 * are `SYSTEM.DEPENDENCY_UNAVAILABLE`, which a retry may fix.
 */
export async function fetchPackageBytes(url: string, limits: PackageLimits, options: FetchOptions = {}): Promise<Uint8Array> {
  const protocol = new URL(url).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') throw new PitrixError('INPUT.INVALID', `only http and https package URLs can be fetched, not ${protocol}`);
  const response = await guardedFetch(url, { maxBytes: limits.maxArchiveBytes, kind: 'archive', unreachable: 'SYSTEM.DEPENDENCY_UNAVAILABLE' }, options.policy ?? outboundFetchPolicy());
  if (response.status === 404 || response.status === 410) throw loadError('PACKAGE.NOT_FOUND', 'package.not_found', url, `the server answered ${response.status}`);
  if (response.status < 200 || response.status >= 300) throw new PitrixError('SYSTEM.DEPENDENCY_UNAVAILABLE', `cannot fetch ${url}: the server answered ${response.status}`);
  return response.body;
}

/** Downloads and loads a package from an http(s) URL (see `fetchPackageBytes` and `loadPackageFromBytes`). */
export async function loadPackageFromUrl(url: string, limits: PackageLimits, options: FetchOptions = {}): Promise<PackageFile[]> {
  return loadPackageFromBytes(await fetchPackageBytes(url, limits, options), limits);
}
