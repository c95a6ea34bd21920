import { isPitrixError, PitrixError } from '@pitrix/errors';
import { archiveName, newestFirst, parseRepoIndex, serializeRepoIndex, type PackageMetadata, type RepoIndexEntry } from '@pitrix/package';
import { MAX_INDEX_BYTES } from '../indexer/candidates.js';
import type { RepoSource } from './repo-source.js';

/** A package archive to publish: its metadata, bytes and sha256. */
export interface PublishedArchive {
  readonly metadata: PackageMetadata;
  readonly bytes: Uint8Array;
  readonly digest: string;
}

/**
 * Writes an archive into a writable repo as `<name>-<version>.tgz` and, when the repo has an
 * index.yaml, lists it there too (the archive first, then the index, so the index never names a
 * missing file). Returns the archive's path in the repo. `REPO.READ_ONLY` for read-only sources.
 */
export async function publishPackage(source: RepoSource, archive: PublishedArchive): Promise<string> {
  if (!source.writable) throw new PitrixError('REPO.READ_ONLY', 'this repo cannot be written; upload into a file:// (or s3://) repo');
  const path = archiveName(archive.metadata);
  await source.write(path, archive.bytes);
  const indexBytes = await source.read('index.yaml', MAX_INDEX_BYTES).catch((err: unknown) => {
    if (isPitrixError(err) && err.code === 'REPO.FILE_NOT_FOUND') return undefined;
    throw err;
  });
  if (indexBytes) {
    const index = parseRepoIndex(Buffer.from(indexBytes).toString('utf8'));
    const { metadata } = archive;
    const entry: RepoIndexEntry = Object.fromEntries(
      Object.entries({ name: metadata.name, version: metadata.version, appVersion: metadata.appVersion, description: metadata.description, home: metadata.home, icon: metadata.icon, keywords: metadata.keywords, maintainers: metadata.maintainers, sources: metadata.sources, urls: [path], created: new Date().toISOString(), digest: archive.digest }).filter(([, value]) => value !== undefined),
    ) as unknown as RepoIndexEntry;
    const versions = [...(index.entries[metadata.name] ?? []).filter((existing) => existing.version !== metadata.version), entry].sort(newestFirst);
    const entries = { ...index.entries, [metadata.name]: versions };
    await source.write('index.yaml', new TextEncoder().encode(serializeRepoIndex({ ...index, format: 'openpitrix', generated: new Date().toISOString(), entries })));
  }
  return path;
}
