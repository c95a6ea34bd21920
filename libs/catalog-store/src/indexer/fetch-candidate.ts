import { isPitrixError, PitrixError } from '@pitrix/errors';
import { readPackageMetadata, type PackageMetadata } from '@pitrix/package';
import { fetchPackageBytes, loadPackageFromBytes, sha256Hex, type PackageLimits } from '@pitrix/package-io';
import type { IndexFailure, VersionMetadata } from '../entities.js';
import type { RepoSource } from '../sources/repo-source.js';
import type { Candidate } from './candidates.js';

/** A package read, verified and ready to store. */
export interface StagedPackage {
  readonly name: string;
  readonly version: string;
  readonly appVersion: string | null;
  readonly metadata: VersionMetadata;
  readonly path: string;
  readonly digest: string;
  readonly bytes: Uint8Array;
}

/** Reads a candidate's archive (through the source, or over http when its URL points elsewhere). */
export async function readCandidateBytes(source: RepoSource, candidate: Candidate, limits: PackageLimits): Promise<Uint8Array> {
  if (/^https?:\/\//.test(candidate.path)) return fetchPackageBytes(candidate.path, limits);
  return source.read(candidate.path, limits.maxArchiveBytes);
}

/**
 * Verifies a candidate's bytes: the digest the index promises, a safe archive within the limits,
 * and a package.json whose name and version match the index entry. Helm charts (no package.json)
 * take their metadata from the index entry.
 */
export async function verifyCandidate(candidate: Candidate, bytes: Uint8Array, limits: PackageLimits, digest = sha256Hex(bytes)): Promise<StagedPackage> {
  if (candidate.digest && candidate.digest !== digest) {
    throw new PitrixError('CATALOG.DIGEST_MISMATCH', `digest mismatch: the index says ${candidate.digest}, the archive is ${digest}`);
  }
  const files = await loadPackageFromBytes(bytes, limits);
  const packageJson = files.find((file) => file.path === 'package.json');
  const metadata = packageJson ? readMetadata(packageJson.bytes) : fromIndexEntry(candidate);
  if (candidate.name !== undefined && (metadata.name !== candidate.name || metadata.version !== candidate.version)) {
    throw new PitrixError('PACKAGE.INVALID', `the archive holds ${metadata.name} ${metadata.version}, the index lists ${candidate.name} ${candidate.version}`);
  }
  return {
    name: metadata.name,
    version: metadata.version,
    appVersion: metadata.appVersion ?? null,
    metadata: pickMetadata(metadata),
    path: candidate.path,
    digest,
    bytes,
  };
}

/** Turns a verification error into the failure recorded on the run. */
export function toFailure(candidate: Candidate, err: unknown): IndexFailure {
  if (!isPitrixError(err)) throw err;
  const detail = err.problems.length > 0 ? `: ${err.problems.map((problem) => `${problem.file ? `${problem.file}: ` : ''}${problem.message}`).join('; ')}` : '';
  return { name: candidate.name ?? '', version: candidate.version ?? '', path: candidate.path, code: err.code, reason: `${err.message}${detail}`.slice(0, 2000) };
}

function readMetadata(bytes: Uint8Array): PackageMetadata {
  const read = readPackageMetadata(bytes);
  if (!read.metadata) throw new PitrixError('PACKAGE.INVALID', 'package.json is invalid', read.problems);
  return read.metadata;
}

function fromIndexEntry(candidate: Candidate): PackageMetadata {
  const entry = candidate.entry;
  if (!entry) throw new PitrixError('PACKAGE.INVALID', 'the archive has no package.json in its top folder');
  return { apiVersion: 'v1', name: entry.name, version: entry.version, appVersion: entry.appVersion, description: entry.description, home: entry.home, icon: entry.icon, keywords: entry.keywords, maintainers: entry.maintainers?.map((m) => ({ ...m, name: m.name ?? '' })), sources: entry.sources };
}

function pickMetadata(metadata: PackageMetadata): VersionMetadata {
  const picked = { description: metadata.description, home: metadata.home, icon: metadata.icon, keywords: metadata.keywords, maintainers: metadata.maintainers, sources: metadata.sources };
  return Object.fromEntries(Object.entries(picked).filter(([, value]) => value !== undefined)) as VersionMetadata;
}
