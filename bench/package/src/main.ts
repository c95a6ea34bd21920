import { mkdtemp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPackageConfig } from '@pitrix/config';
import { encodeText, lintPackage, parsePackage, renderBlueprint, type PackageFile } from '@pitrix/package';
import { buildPackageArchive, indexPackageFolder, loadPackageFromBytes, loadPackageFromDirectory, writeRepoIndexFile } from '@pitrix/package-io';

/**
 * Package benchmarks: lint and render of the example packages, loading their archives, and
 * indexing a folder of 2,000 package versions (target: under 20 s). Prints `name: value` lines.
 */
const EXAMPLES = join(__dirname, '../../../examples/packages');
const LIMITS = loadPackageConfig(process.env).package;
const VERSIONS = 2_000;
const TARGET_S = 20;

function print(name: string, value: string | number): void {
  console.log(`${name}: ${value}`);
}

/** Runs `work` repeatedly for about `seconds` and returns how many runs per second it managed. */
async function throughput(seconds: number, work: () => unknown): Promise<number> {
  const started = performance.now();
  let runs = 0;
  while (performance.now() - started < seconds * 1000) {
    await work();
    runs++;
  }
  return runs / ((performance.now() - started) / 1000);
}

async function loadExamples(): Promise<PackageFile[][]> {
  const names = (await readdir(EXAMPLES)).sort();
  const folders: string[] = [];
  for (const name of names) if ((await stat(join(EXAMPLES, name))).isDirectory()) folders.push(join(EXAMPLES, name));
  return Promise.all(folders.map((folder) => loadPackageFromDirectory(folder, LIMITS)));
}

/** The same package under another name and version, as a repository would hold many of them. */
function renamed(files: readonly PackageFile[], name: string, version: string): PackageFile[] {
  return files.map((file) => {
    if (file.path !== 'package.json') return file;
    const metadata = JSON.parse(new TextDecoder().decode(file.bytes)) as Record<string, unknown>;
    return { ...file, bytes: encodeText(JSON.stringify({ ...metadata, name, version })) };
  });
}

async function writeRepository(folder: string, examples: readonly PackageFile[][]): Promise<void> {
  const names = 100;
  for (let i = 0; i < VERSIONS; i++) {
    const name = `app-${String(i % names).padStart(3, '0')}`;
    const version = `1.${Math.floor(i / names)}.${i % 7}`;
    const archive = buildPackageArchive(renamed(examples[i % examples.length] as PackageFile[], name, version), { name, version });
    const dir = join(folder, name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, archive.fileName), archive.bytes);
  }
}

async function main(): Promise<void> {
  const examples = await loadExamples();
  const models = examples.map((files) => parsePackage(files));
  const archives = examples.map((files, i) => buildPackageArchive(files, (models[i] as (typeof models)[number]).metadata).bytes);
  print('examples', examples.length);
  print('cpus', availableParallelism());

  let next = 0;
  print('lint_examples_per_s', (await throughput(3, () => lintPackage(examples[next++ % examples.length] as PackageFile[]))).toFixed(0));
  print('render_examples_per_s', (await throughput(3, () => renderBlueprint(models[next++ % models.length] as (typeof models)[number], {}))).toFixed(0));
  print('load_example_tgz_per_s', (await throughput(3, () => loadPackageFromBytes(archives[next++ % archives.length] as Uint8Array, LIMITS))).toFixed(0));

  const folder = await mkdtemp(join(tmpdir(), 'pitrix-bench-index-'));
  try {
    await writeRepository(folder, examples);
    const started = performance.now();
    const indexed = await indexPackageFolder(folder, { limits: LIMITS });
    await writeRepoIndexFile(folder, indexed.yaml);
    const seconds = (performance.now() - started) / 1000;
    if (indexed.count !== VERSIONS) throw new Error(`indexed ${indexed.count} versions instead of ${VERSIONS}`);
    print('index_versions', indexed.count);
    print('index_2000_versions_s', seconds.toFixed(2));
    print('index_versions_per_s', (indexed.count / seconds).toFixed(0));
    print('index_target_s', TARGET_S);
    print('index_target_ratio', (seconds / TARGET_S).toFixed(3));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`bench:package: ${err instanceof Error ? err.stack : String(err)}`);
  process.exitCode = 1;
});
