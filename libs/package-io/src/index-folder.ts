import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isPitrixError } from '@pitrix/errors';
import { archiveName, buildRepoIndex, packageKindOf, readChart, readPackageMetadata, serializeRepoIndex, type IndexItem, type PackageMetadata, type PackageProblem, type RepoIndex } from '@pitrix/package';
import { loadPackageFromBytes, readPackageJsonFromBytes } from './load-bytes.js';
import { loadError, tooLarge, type PackageLimits } from './limits.js';

/** How to index a folder. */
export interface IndexFolderOptions {
  readonly limits: PackageLimits;
  /** Base URL the archives are served from; without it the urls are paths relative to the index. */
  readonly baseUrl?: string;
  /** Archives read at once. */
  readonly concurrency?: number;
  /** The `generated` time (tests fix it). */
  readonly now?: Date;
}

/** An indexed folder: the index, its YAML, how many archives it lists, and the archives it skipped. */
export interface IndexedFolder {
  readonly index: RepoIndex;
  readonly yaml: string;
  readonly count: number;
  readonly problems: PackageProblem[];
}

/**
 * Indexes every `.tgz` under a folder: hashes each archive while reading it, reads only its
 * package.json (a Helm chart, which has none, its Chart.yaml), and builds an OpenPitrix-format
 * index (newest version first). Archives that
 * cannot be read are skipped and reported, so one bad file does not hide the others.
 */
export async function indexPackageFolder(folder: string, options: IndexFolderOptions): Promise<IndexedFolder> {
  const archives = (await listArchives(folder)).sort();
  const problems: PackageProblem[] = [];
  const items: (IndexItem | undefined)[] = await mapLimit(archives, options.concurrency ?? 8, async (path) => {
    const name = relative(folder, path).split(sep).join('/');
    try {
      return await indexItem(path, name, options);
    } catch (err) {
      if (!isPitrixError(err)) throw err;
      problems.push({ severity: 'error', file: name, path: '$', code: err.problems[0]?.code ?? err.code, message: `skipped: ${err.message}` });
      return undefined;
    }
  });
  const listed = items.filter((item): item is IndexItem => item !== undefined);
  for (const item of listed) {
    const base = item.url.split('/').pop();
    if (base !== archiveName(item.metadata)) {
      problems.push({ severity: 'warning', file: item.url, path: '$', code: 'index.archive_name', message: `archives are conventionally named ${archiveName(item.metadata)}` });
    }
  }
  const built = buildRepoIndex(listed, (options.now ?? new Date()).toISOString());
  return { index: built.index, yaml: serializeRepoIndex(built.index), count: listed.length - built.problems.length, problems: [...problems, ...built.problems] };
}

/** Writes index.yaml into the folder atomically: readers never see half an index. */
export async function writeRepoIndexFile(folder: string, yaml: string): Promise<string> {
  const target = join(folder, 'index.yaml');
  const temporary = join(folder, `.index.yaml.${process.pid}.tmp`);
  await writeFile(temporary, yaml);
  await rename(temporary, target);
  return target;
}

async function indexItem(path: string, name: string, options: IndexFolderOptions): Promise<IndexItem> {
  const [{ bytes, digest }, info] = await Promise.all([readHashed(path, options.limits), stat(path)]);
  const packageJson = await readPackageJsonFromBytes(bytes, options.limits);
  const read = packageJson ? readPackageMetadata(packageJson) : undefined;
  const metadata = read?.metadata ?? (read ? undefined : await chartMetadataOf(bytes, options.limits));
  if (!metadata) {
    const reason = read ? read.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ') : 'no package.json or Chart.yaml in its top folder';
    throw loadError('PACKAGE.INVALID', 'package.invalid_metadata', name, reason);
  }
  const url = options.baseUrl ? new URL(name, options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`).toString() : name;
  return { metadata, digest, url, created: info.mtime.toISOString() };
}

/** A chart's Chart.yaml as index metadata (the index lists charts beside packages), or undefined. */
async function chartMetadataOf(bytes: Uint8Array, limits: PackageLimits): Promise<PackageMetadata | undefined> {
  const files = await loadPackageFromBytes(bytes, limits);
  if (packageKindOf(files) !== 'helm') return undefined;
  let chart: ReturnType<typeof readChart>['metadata'];
  try {
    chart = readChart(files).metadata;
  } catch {
    return undefined;
  }
  const { apiVersion: _apiVersion, kubeVersion: _kubeVersion, type: _type, maintainers, ...fields } = chart;
  return { apiVersion: 'v1', ...fields, ...(maintainers ? { maintainers: maintainers.map((m) => ({ ...m, name: m.name ?? '' })) } : {}) } as PackageMetadata;
}

/** Reads a file and hashes it in the same pass, refusing it past `maxArchiveBytes`. */
async function readHashed(path: string, limits: PackageLimits): Promise<{ bytes: Uint8Array; digest: string }> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > limits.maxArchiveBytes) throw tooLarge('limit.archive_bytes', path, 'the archive is too large', limits.maxArchiveBytes, total);
    hash.update(buffer);
    chunks.push(buffer);
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks, total)), digest: hash.digest('hex') };
}

async function listArchives(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await listArchives(path)));
    else if (entry.isFile() && entry.name.endsWith('.tgz')) out.push(path);
  }
  return out;
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the results in order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
