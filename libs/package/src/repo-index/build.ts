import { rcompare, valid } from 'semver';
import type { PackageMetadata } from '../schema/package-metadata.js';
import { error, type PackageProblem } from '../problems.js';
import type { RepoIndex, RepoIndexEntry } from './schema.js';

/** One archive to list in an index: its metadata, sha256, where it is served and when it was made. */
export interface IndexItem {
  readonly metadata: PackageMetadata;
  readonly digest: string;
  readonly url: string;
  readonly created: string;
}

/** The conventional archive name of a package version. */
export function archiveName(metadata: Pick<PackageMetadata, 'name' | 'version'>): string {
  return `${metadata.name}-${metadata.version}.tgz`;
}

/** Orders versions newest first by semantic version; anything unparseable goes last, by name. */
export function newestFirst(a: { version: string }, b: { version: string }): number {
  const va = valid(a.version);
  const vb = valid(b.version);
  if (va && vb) return rcompare(va, vb);
  if (va) return -1;
  if (vb) return 1;
  return a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}

/**
 * Builds an OpenPitrix-format index: entries by name (sorted), each name's versions newest first.
 * A (name, version) listed twice keeps the first and reports the second.
 */
export function buildRepoIndex(items: readonly IndexItem[], generated: string): { index: RepoIndex; problems: PackageProblem[] } {
  const entries = new Map<string, RepoIndexEntry[]>();
  const problems: PackageProblem[] = [];
  for (const item of items) {
    const list = entries.get(item.metadata.name) ?? [];
    if (list.some((entry) => entry.version === item.metadata.version)) {
      problems.push(error(item.url, '$', 'index.duplicate_version', `${item.metadata.name} ${item.metadata.version} is already listed from another archive`));
      continue;
    }
    list.push(toEntry(item));
    entries.set(item.metadata.name, list);
  }
  const sorted = [...entries.keys()].sort().map((name) => [name, [...(entries.get(name) ?? [])].sort(newestFirst)] as const);
  return { index: { format: 'openpitrix', apiVersion: 'v1', generated, entries: Object.fromEntries(sorted) }, problems };
}

function toEntry(item: IndexItem): RepoIndexEntry {
  const { metadata } = item;
  const entry: RepoIndexEntry = {
    name: metadata.name,
    version: metadata.version,
    appVersion: metadata.appVersion,
    description: metadata.description,
    home: metadata.home,
    icon: metadata.icon,
    keywords: metadata.keywords,
    maintainers: metadata.maintainers,
    sources: metadata.sources,
    screenshots: metadata.screenshots,
    urls: [item.url],
    created: item.created,
    digest: item.digest,
  };
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)) as RepoIndexEntry;
}
