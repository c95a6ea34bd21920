import { parseRepoIndex, type RepoIndex } from '@pitrix/package';
import { PitrixError, isPitrixError } from '@pitrix/errors';
import { sha256Hex } from '@pitrix/package-io';
import type { RepoSource } from '../sources/repo-source.js';

/** Largest index.yaml the indexer reads. */
export const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/** One package the repo offers: from its index entry, or only a path when the repo is listed. */
export interface Candidate {
  /** Path of the archive relative to the repo root, or an absolute URL elsewhere. */
  readonly path: string;
  readonly name?: string;
  readonly version?: string;
  /** The digest the index promises; the archive must match it. */
  readonly digest?: string;
  readonly entry?: RepoIndex['entries'][string][number];
}

/** What the repo offers and how it was read. */
export interface RepoSnapshot {
  readonly mode: 'openpitrix-index' | 'helm-index' | 'listing';
  readonly candidates: readonly Candidate[];
  /** sha256 of index.yaml, when the repo has one. */
  readonly indexDigest?: string;
  /** True when index.yaml is the one the last complete run applied (then it is not parsed). */
  readonly sameIndex?: boolean;
}

/**
 * Reads what a repo offers: its index.yaml when there is one (OpenPitrix or Helm format), or else
 * every `.tgz` it lists. A repo that has neither an index nor a listing (plain http without an
 * index) is `REPO.FILE_NOT_FOUND` for index.yaml.
 */
export async function readSnapshot(source: RepoSource, baseUrl: string, appliedIndexDigest?: string | null): Promise<RepoSnapshot> {
  const indexBytes = await source.read('index.yaml', MAX_INDEX_BYTES).catch((err: unknown) => {
    if (isPitrixError(err) && err.code === 'REPO.FILE_NOT_FOUND') return undefined;
    throw err;
  });
  if (indexBytes) {
    const indexDigest = sha256Hex(indexBytes);
    if (indexDigest === appliedIndexDigest) return { mode: 'openpitrix-index', candidates: [], indexDigest, sameIndex: true };
    const index = parseRepoIndex(Buffer.from(indexBytes).toString('utf8'));
    const candidates = Object.values(index.entries).flatMap((versions) =>
      versions.filter((entry) => !entry.removed).map((entry) => ({ path: relativeTo(entry.urls[0] as string, baseUrl), name: entry.name, version: entry.version, digest: entry.digest, entry })),
    );
    return { mode: index.format === 'helm' ? 'helm-index' : 'openpitrix-index', candidates, indexDigest };
  }
  const files = await source.list();
  if (!files) throw new PitrixError('REPO.FILE_NOT_FOUND', 'the repo has no index.yaml and cannot be listed', [{ path: 'index.yaml', message: 'an http repo needs an index.yaml' }]);
  return { mode: 'listing', candidates: files.filter((file) => file.path.endsWith('.tgz')).map((file) => ({ path: file.path })) };
}

/** A URL inside the repo becomes a path relative to its root; others stay absolute. */
function relativeTo(url: string, baseUrl: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  if (url.startsWith(base)) return url.slice(base.length);
  return url.replace(/^\.\//, '');
}
