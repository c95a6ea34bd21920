import { loadPackageConfig } from '@pitrix/config';
import { encodeText, readPackageMetadata } from '@pitrix/package';
import { buildPackageArchive, loadPackageFromDirectory } from '@pitrix/package-io';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The kv-store example under this name and version, built as `pitrix package build` would and
 * written to a temporary .tgz: what a developer picks in the upload's file input.
 */
export async function writeKvStoreArchive(packageFolder: string, name: string, version: string): Promise<string> {
  const files = await loadPackageFromDirectory(packageFolder, loadPackageConfig({}).package);
  const original = readPackageMetadata(files.find((file) => file.path === 'package.json')!.bytes).metadata!;
  const metadata = { ...original, name, version };
  const changed = files.map((file) => (file.path === 'package.json' ? { ...file, bytes: encodeText(JSON.stringify(metadata)) } : file));
  const archive = buildPackageArchive(changed, metadata);
  const path = join(mkdtempSync(join(tmpdir(), 'pitrix-dashboard-e2e-')), archive.fileName);
  writeFileSync(path, archive.bytes);
  return path;
}
