import { loadPackageConfig } from '@pitrix/config';
import { encodeText, readPackageMetadata, type PackageMetadata } from '@pitrix/package';
import { buildPackageArchive, indexPackageFolder, loadPackageFromDirectory, writeRepoIndexFile } from '@pitrix/package-io';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The example package the generated versions are made of. */
interface Template {
  readonly files: Awaited<ReturnType<typeof loadPackageFromDirectory>>;
  readonly metadata: PackageMetadata;
}

/**
 * Writes `apps × versionsPerApp` package archives (the kv-store example under generated names and
 * versions) into `folder`, with an index.yaml, as a package author's `pitrix package index` would.
 */
export async function generateRepo(folder: string, example: string, apps: number, versionsPerApp: number): Promise<number> {
  const template = await loadTemplate(example);
  mkdirSync(folder, { recursive: true });
  let written = 0;
  for (let app = 0; app < apps; app++) {
    for (let patch = 0; patch < versionsPerApp; patch++) {
      writeVersion(folder, template, app, `1.0.${patch}`);
      written++;
    }
  }
  await writeIndex(folder);
  return written;
}

/** Adds one version of an app to a generated repo and rewrites its index.yaml: a publisher's small change. */
export async function addVersion(folder: string, example: string, app: number, version: string): Promise<void> {
  writeVersion(folder, await loadTemplate(example), app, version);
  await writeIndex(folder);
}

async function loadTemplate(example: string): Promise<Template> {
  const files = await loadPackageFromDirectory(example, loadPackageConfig(process.env).package);
  return { files, metadata: readPackageMetadata(files.find((file) => file.path === 'package.json')!.bytes).metadata! };
}

function writeVersion(folder: string, template: Template, app: number, version: string): void {
  const name = `bench-app-${String(app).padStart(5, '0')}`;
  const metadata = { ...template.metadata, name, version, description: `${name}: generated for the catalog benchmark` };
  const files = template.files.map((file) => (file.path === 'package.json' ? { ...file, bytes: encodeText(JSON.stringify(metadata)) } : file));
  const archive = buildPackageArchive(files, metadata);
  writeFileSync(join(folder, archive.fileName), archive.bytes);
}

async function writeIndex(folder: string): Promise<void> {
  const indexed = await indexPackageFolder(folder, { limits: loadPackageConfig(process.env).package, concurrency: 16 });
  await writeRepoIndexFile(folder, indexed.yaml);
}
