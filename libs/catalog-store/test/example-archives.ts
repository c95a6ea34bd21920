import { loadPackageConfig } from '@pitrix/config';
import { encodeText, readPackageMetadata, type PackageFiles, type PackageMetadata } from '@pitrix/package';
import { buildPackageArchive, loadPackageFromDirectory, type PackageArchive } from '@pitrix/package-io';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The default package limits. */
export const LIMITS = loadPackageConfig({}).package;

/** The example packages shipped with the repository. */
export const EXAMPLES = join(__dirname, '../../../examples/packages');

/** An example package's files and metadata. */
export interface ExamplePackage {
  readonly files: PackageFiles;
  readonly metadata: PackageMetadata;
}

/** Loads every example package. */
export async function loadExamples(): Promise<ExamplePackage[]> {
  const names = readdirSync(EXAMPLES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(names.map(async (name) => {
    const files = await loadPackageFromDirectory(join(EXAMPLES, name), LIMITS);
    const json = files.find((file) => file.path === 'package.json');
    const metadata = readPackageMetadata(json!.bytes).metadata!;
    return { files, metadata };
  }));
}

/** The same package under another version (and description), as a developer would publish it. */
export function withVersion(example: ExamplePackage, version: string, description = `${example.metadata.description ?? ''} (${version})`): ExamplePackage {
  const metadata = { ...example.metadata, version, description };
  const files = example.files.map((file) => (file.path === 'package.json' ? { ...file, bytes: encodeText(JSON.stringify(metadata, null, 2)) } : file));
  return { files, metadata };
}

/** Builds the archive of an example. */
export function archiveOf(example: ExamplePackage): PackageArchive {
  return buildPackageArchive(example.files, example.metadata);
}
