import { loadPackageConfig } from '@pitrix/config';
import { encodeText, readPackageMetadata, type PackageFiles, type PackageMetadata } from '@pitrix/package';
import { buildPackageArchive, loadPackageFromDirectory, type PackageArchive } from '@pitrix/package-io';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LIMITS = loadPackageConfig({}).package;
const EXAMPLES = join(__dirname, '../../../../examples/packages');

/** An example package: files and metadata. */
export interface ExamplePackage {
  readonly files: PackageFiles;
  readonly metadata: PackageMetadata;
}

/** Every example package of the repository. */
export async function loadExamples(): Promise<ExamplePackage[]> {
  const names = readdirSync(EXAMPLES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const files = await loadPackageFromDirectory(join(EXAMPLES, name), LIMITS);
      return { files, metadata: readPackageMetadata(files.find((f) => f.path === 'package.json')!.bytes).metadata! };
    }),
  );
}

/** The same package under another version. */
export function withVersion(example: ExamplePackage, version: string): ExamplePackage {
  const metadata = { ...example.metadata, version, description: `${example.metadata.description ?? ''} (${version})` };
  return { metadata, files: example.files.map((f) => (f.path === 'package.json' ? { ...f, bytes: encodeText(JSON.stringify(metadata)) } : f)) };
}

/** Builds an example's archive. */
export function archiveOf(example: ExamplePackage): PackageArchive {
  return buildPackageArchive(example.files, example.metadata);
}

/** A fresh folder holding the archives of `examples`. */
export function repoFolder(examples: readonly ExamplePackage[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'pitrix-api-repo-'));
  for (const example of examples) {
    const archive = archiveOf(example);
    writeFileSync(join(folder, archive.fileName), archive.bytes);
  }
  return folder;
}

/** A package folder as an example package (a test package outside `examples/`). */
export async function loadPackageAt(folder: string): Promise<ExamplePackage> {
  const files = await loadPackageFromDirectory(folder, LIMITS);
  return { files, metadata: readPackageMetadata(files.find((f) => f.path === 'package.json')!.bytes).metadata! };
}
