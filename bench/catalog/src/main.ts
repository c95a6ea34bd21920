// bench/catalog: the repo indexer and the catalog API on a real Temporal server and PostgreSQL.
// (a) Initial index of a file repo of 10,000 versions (1,000 apps × 10), with an index.yaml.
// (b) Warm re-index of the same repo (nothing changed: every digest is known, no archive is read).
// (c) `apps` first page with 50 concurrent GraphQL clients: p50 and p99 latency.
// Prints `name: value` lines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateRepo } from './generate-repo.js';
import { startCatalogBenchStack, type CatalogBenchStack } from './stack.js';

const ROOT = join(__dirname, '../../..');
const APPS = Number(process.env.BENCH_CATALOG_APPS ?? 1000);
const VERSIONS_PER_APP = Number(process.env.BENCH_CATALOG_VERSIONS_PER_APP ?? 10);
const CLIENTS = Number(process.env.BENCH_CATALOG_CLIENTS ?? 50);
const REQUESTS_PER_CLIENT = Number(process.env.BENCH_CATALOG_REQUESTS ?? 40);

interface RunView { id: string; status: string; added: number; unchanged: number; error: string | null; startedAt: string | null; finishedAt: string | null; createdAt: string }
const RUN_FIELDS = 'id status added unchanged error createdAt startedAt finishedAt';

function report(name: string, value: number | string, target?: string): void {
  const shown = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(3)) : value;
  console.log(target === undefined ? `${name}: ${shown}` : `${name}: ${shown} (target: ${target})`);
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

async function waitForRun(stack: CatalogBenchStack, repoId: string, runId?: string): Promise<RunView> {
  for (;;) {
    const { repoEvents } = await stack.graphql<{ repoEvents: { edges: Array<{ node: RunView }> } }>(`query($repoId: String) { repoEvents(filter: { repoId: $repoId }, page: { first: 5 }) { edges { node { ${RUN_FIELDS} } } } }`, { repoId });
    const run = repoEvents.edges.map((edge) => edge.node).find((node) => (runId ? node.id === runId : true));
    if (run && (run.status === 'successful' || run.status === 'failed')) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function listApps(stack: CatalogBenchStack): Promise<number[]> {
  const query = `query($after: String) { apps(page: { first: 20, after: $after }) { totalCount edges { node { id name latestVersion status } } pageInfo { endCursor } } }`;
  const samples: number[] = [];
  const client = async () => {
    let after: string | null = null;
    for (let i = 0; i < REQUESTS_PER_CLIENT; i++) {
      const started = performance.now();
      const page: { apps: { pageInfo: { endCursor: string | null } } } = await stack.graphql(query, { after });
      samples.push(performance.now() - started);
      after = i % 5 === 4 ? null : page.apps.pageInfo.endCursor;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return samples;
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'pitrix-bench-catalog-'));
  console.error(`generating ${APPS * VERSIONS_PER_APP} package versions`);
  const versions = await generateRepo(folder, join(ROOT, 'examples/packages/kv-store'), APPS, VERSIONS_PER_APP);
  const stack = await startCatalogBenchStack();
  try {
    const started = performance.now();
    const { createRepo } = await stack.graphql<{ createRepo: { id: string } }>(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { id } }`, {
      input: { name: 'bench', url: pathToFileURL(folder).toString(), providers: ['local'], visibility: 'public' },
    });
    const initial = await waitForRun(stack, createRepo.id);
    const initialSeconds = (performance.now() - started) / 1000;
    if (initial.status !== 'successful' || initial.added !== versions) throw new Error(`initial run: ${JSON.stringify(initial)}`);
    report('versions', versions);
    report('initial_index_seconds', initialSeconds, '< 60');
    report('initial_index_versions_per_second', versions / initialSeconds);

    const warmStarted = performance.now();
    const { indexRepo } = await stack.graphql<{ indexRepo: { id: string } }>(`mutation($id: ID!) { indexRepo(id: $id) { id } }`, { id: createRepo.id });
    const warm = await waitForRun(stack, createRepo.id, indexRepo.id);
    const warmSeconds = (performance.now() - warmStarted) / 1000;
    if (warm.status !== 'successful' || warm.added !== 0 || warm.unchanged !== versions) throw new Error(`warm run: ${JSON.stringify(warm)}`);
    report('warm_reindex_seconds', warmSeconds, '< 3');
    report('warm_reindex_versions_per_second', versions / warmSeconds);

    const single: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      await stack.graphql(`{ apps(page: { first: 20 }) { totalCount edges { node { id name latestVersion status } } } }`);
      single.push(performance.now() - started);
    }
    report('list_apps_single_client_p50_ms', percentile(single, 50));
    await listApps(stack);
    const samples = await listApps(stack);
    report('list_apps_clients', CLIENTS);
    report('list_apps_requests', samples.length);
    report('list_apps_p50_ms', percentile(samples, 50));
    report('list_apps_p99_ms', percentile(samples, 99), '< 50');
  } finally {
    await stack.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
