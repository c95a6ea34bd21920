import { loadPackageConfig } from '@pitrix/config';
import { encodeText, readPackageMetadata } from '@pitrix/package';
import { buildPackageArchive, indexPackageFolder, loadPackageFromDirectory, writeRepoIndexFile } from '@pitrix/package-io';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `apps × versionsPerApp` package archives (the kv-store example under generated names and
 * versions) into `folder`, with an index.yaml, as a package author's `pitrix package index` would.
 */
export async function generateRepo(folder: string, example: string, apps: number, versionsPerApp: number): Promise<number> {
  const limits = loadPackageConfig(process.env).package;
  const files = await loadPackageFromDirectory(example, limits);
  const base = readPackageMetadata(files.find((file) => file.path === 'package.json')!.bytes).metadata!;
  mkdirSync(folder, { recursive: true });
  let written = 0;
  for (let app = 0; app < apps; app++) {
    const name = `bench-app-${String(app).padStart(5, '0')}`;
    for (let patch = 0; patch < versionsPerApp; patch++) {
      const metadata = { ...base, name, version: `1.0.${patch}`, description: `${name}: generated for the catalog benchmark` };
      const withMetadata = files.map((file) => (file.path === 'package.json' ? { ...file, bytes: encodeText(JSON.stringify(metadata)) } : file));
      const archive = buildPackageArchive(withMetadata, metadata);
      writeFileSync(join(folder, archive.fileName), archive.bytes);
      written++;
    }
  }
  const indexed = await indexPackageFolder(folder, { limits, concurrency: 16 });
  await writeRepoIndexFile(folder, indexed.yaml);
  return written;
}
