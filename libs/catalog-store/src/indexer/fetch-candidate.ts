import { isPitrixError, PitrixError } from '@pitrix/errors';
import { lintChartWithHelm, type HelmCli } from '@pitrix/helm';
import { errorsOf, lintChart, packageKindOf, readChart, readPackageMetadata, type ChartMetadata, type PackageFiles, type PackageKind, type PackageMetadata, type PackageProblem } from '@pitrix/package';
import { fetchPackageBytes, hostAndPort, loadPackageFromBytes, sha256Hex, type OutboundFetchPolicy, type PackageLimits } from '@pitrix/package-io';
import type { IndexFailure, VersionMetadata } from '../entities.js';
import type { RepoSource } from '../sources/repo-source.js';
import type { Candidate } from './candidates.js';

/** A package read, verified and ready to store. */
export interface StagedPackage {
  readonly name: string;
  readonly version: string;
  readonly appVersion: string | null;
  /** A Pitrix package or a Helm chart. */
  readonly kind: PackageKind;
  readonly metadata: VersionMetadata;
  readonly path: string;
  readonly digest: string;
  readonly bytes: Uint8Array;
}

/** How candidates are verified beyond their archive. */
export interface VerifyOptions {
  /**
   * The helm binary, to check that a chart renders with its defaults (`helm template`). Without
   * it charts get only the static lint.
   */
  readonly helm?: HelmCli;
}

/** Where a repo is and how the indexer may fetch beyond it. */
export interface CandidateFetch {
  readonly repoUrl: string;
  readonly policy: OutboundFetchPolicy;
}

/**
 * Reads a candidate's archive: through the source, or over http (without the repo's credential)
 * when its index entry holds an absolute URL. Such a URL must be on the repo's own host, or on a
 * destination `PITRIX_FETCH_ALLOW` names; any other is `REPO.DESTINATION_REFUSED` naming the
 * entry and the host, before anything is fetched.
 */
export async function readCandidateBytes(source: RepoSource, candidate: Candidate, limits: PackageLimits, fetch: CandidateFetch): Promise<Uint8Array> {
  if (!/^https?:\/\//i.test(candidate.path)) return source.read(candidate.path, limits.maxArchiveBytes);
  requireRepoHost(candidate, fetch);
  return fetchPackageBytes(candidate.path, limits, { policy: fetch.policy });
}

/** Refuses an absolute package URL off the repo's host (hostname and port) unless the admin allows its host. */
export function requireRepoHost(candidate: Candidate, fetch: CandidateFetch): void {
  const url = new URL(candidate.path);
  const repoHost = new URL(fetch.repoUrl).host;
  const { host, port } = hostAndPort(url);
  if (url.host === repoHost || fetch.policy.allow.allowsHost(host, port)) return;
  const entry = candidate.name !== undefined ? `${candidate.name} ${candidate.version ?? ''}`.trim() : candidate.path;
  throw new PitrixError('REPO.DESTINATION_REFUSED', `index entry ${entry} points at ${url.host}, not the repo's host ${repoHost || '(none)'}; PITRIX_FETCH_ALLOW must name ${url.host} to index it`, [
    { path: candidate.name !== undefined ? `entries.${candidate.name}[${candidate.version ?? ''}].urls[0]` : 'urls[0]', file: 'index.yaml', message: 'package URL on another host', expected: repoHost || 'a path inside the repo', found: candidate.path },
  ]);
}

/**
 * Verifies a candidate's bytes: the digest the index promises, a safe archive within the limits,
 * and a package.json (or, for a Helm chart, a Chart.yaml) whose name and version match the index
 * entry. A chart must pass its lint (lintChart, and `helm template` with its defaults when helm
 * is given); one that does not is `PACKAGE.CHART_INVALID` with every problem (helm's message
 * among them).
 */
export async function verifyCandidate(candidate: Candidate, bytes: Uint8Array, limits: PackageLimits, digest = sha256Hex(bytes), options: VerifyOptions = {}): Promise<StagedPackage> {
  if (candidate.digest && candidate.digest !== digest) {
    throw new PitrixError('CATALOG.DIGEST_MISMATCH', `digest mismatch: the index says ${candidate.digest}, the archive is ${digest}`);
  }
  const files = await loadPackageFromBytes(bytes, limits);
  const kind = packageKindOf(files);
  const staged = kind === 'helm' ? await verifyChart(files, options) : { kind, ...pitrixMetadata(files, candidate) };
  const { metadata } = staged;
  if (candidate.name !== undefined && (staged.name !== candidate.name || staged.version !== candidate.version)) {
    const file = kind === 'helm' ? 'Chart.yaml' : 'package.json';
    throw new PitrixError('PACKAGE.INVALID', `the archive holds ${staged.name} ${staged.version}, the index lists ${candidate.name} ${candidate.version}`, [
      { path: staged.name !== candidate.name ? 'name' : 'version', file, message: `${file} does not match the index entry`, expected: staged.name !== candidate.name ? candidate.name : candidate.version, found: staged.name !== candidate.name ? staged.name : staged.version },
    ]);
  }
  return { name: staged.name, version: staged.version, appVersion: staged.appVersion ?? null, kind, metadata, path: candidate.path, digest, bytes };
}

/** Turns a verification error into the failure recorded on the run. */
export function toFailure(candidate: Candidate, err: unknown): IndexFailure {
  if (!isPitrixError(err)) throw err;
  const detail = err.problems.length > 0 ? `: ${err.problems.map((problem) => `${problem.file ? `${problem.file}: ` : ''}${problem.message}`).join('; ')}` : '';
  return { name: candidate.name ?? '', version: candidate.version ?? '', path: candidate.path, code: err.code, reason: `${err.message}${detail}`.slice(0, 2000) };
}

interface Identified {
  readonly name: string;
  readonly version: string;
  readonly appVersion?: string;
  readonly metadata: VersionMetadata;
}

/**
 * Lints a chart and reads its Chart.yaml. Lint errors refuse it: `PACKAGE.CHART_INVALID` whose
 * message is helm's when `helm template` failed.
 */
export async function verifyChart(files: PackageFiles, options: VerifyOptions = {}): Promise<Identified & { readonly kind: 'helm' }> {
  const problems: PackageProblem[] = errorsOf(options.helm ? await lintChartWithHelm(options.helm, files) : lintChart(files));
  if (problems.length > 0) {
    const rendered = problems.find((problem) => problem.code === 'chart.render' || problem.code === 'chart.defaults_invalid');
    const message = rendered ? rendered.message : `the chart has ${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    throw new PitrixError('PACKAGE.CHART_INVALID', message, rendered ? problems.filter((problem) => problem !== rendered) : problems);
  }
  const chart = readChart(files);
  return { kind: 'helm', name: chart.metadata.name, version: chart.metadata.version, appVersion: chart.metadata.appVersion, metadata: chartVersionMetadata(chart.metadata) };
}

/** What a chart's version records: the app's fields, and every Chart.yaml field under `chart`. */
export function chartVersionMetadata(chart: ChartMetadata): VersionMetadata {
  return pickMetadata(chart, chart);
}

function pitrixMetadata(files: PackageFiles, candidate: Candidate): Identified {
  const packageJson = files.find((file) => file.path === 'package.json');
  const metadata = packageJson ? readMetadata(packageJson.bytes) : fromIndexEntry(candidate);
  return { name: metadata.name, version: metadata.version, appVersion: metadata.appVersion, metadata: pickMetadata(metadata) };
}

function readMetadata(bytes: Uint8Array): PackageMetadata {
  const read = readPackageMetadata(bytes);
  if (!read.metadata) throw new PitrixError('PACKAGE.INVALID', 'package.json is invalid', read.problems);
  return read.metadata;
}

function fromIndexEntry(candidate: Candidate): PackageMetadata {
  const entry = candidate.entry;
  if (!entry) throw new PitrixError('PACKAGE.INVALID', 'the archive has neither a package.json nor a Chart.yaml in its top folder');
  return { apiVersion: 'v1', name: entry.name, version: entry.version, appVersion: entry.appVersion, description: entry.description, home: entry.home, icon: entry.icon, keywords: entry.keywords, maintainers: entry.maintainers?.map((m) => ({ ...m, name: m.name ?? '' })), sources: entry.sources };
}

type AppFields = Pick<VersionMetadata, 'description' | 'home' | 'icon' | 'keywords' | 'maintainers' | 'sources'>;

function pickMetadata(metadata: AppFields, chart?: ChartMetadata): VersionMetadata {
  const picked = { description: metadata.description, home: metadata.home, icon: metadata.icon, keywords: metadata.keywords, maintainers: metadata.maintainers, sources: metadata.sources, chart };
  return Object.fromEntries(Object.entries(picked).filter(([, value]) => value !== undefined)) as VersionMetadata;
}
