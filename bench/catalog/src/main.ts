// bench/catalog: the repo indexer and the catalog API on a real Temporal server and PostgreSQL.
// (a) Initial index of a file repo of 10,000 versions (1,000 apps × 10), with an index.yaml.
// (b) Warm re-index of the same repo (nothing changed: every digest is known, no archive is read).
// (c) A re-index after one new version was published (index.yaml changed: every entry is compared).
// (d) `apps` pages of 20 (what the dashboard's app list asks for) with 50 concurrent GraphQL
//     clients in their own process: p50, p99 and throughput; then the same against a second API
//     with the app-list cache turned off (every query executed), the baseline of the ratio.
//     The repo is set up by an administrator; the list load sends the token of a plain `user`
//     account, as the dashboard's users do.
// (e) The API's CPU cost of resolving a request's caller from a token it has already seen: the
//     API's own Authenticator, on this database, timed over many calls; the baseline is the same
//     resolution of tokens it has not seen (read from PostgreSQL).
// Prints `name: value` lines.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Authenticator } from '../../../apps/api/src/auth/authenticator.js';
import { addVersion, generateRepo } from './generate-repo.js';
import type { ListResult } from './list-clients.js';
import { startCatalogBenchStack, type CatalogBenchStack } from './stack.js';
import { percentile } from '../../shared/src/stats.js';

const ROOT = join(__dirname, '../../..');
const APPS = Number(process.env.BENCH_CATALOG_APPS ?? 1000);
const VERSIONS_PER_APP = Number(process.env.BENCH_CATALOG_VERSIONS_PER_APP ?? 10);
const CLIENTS = Number(process.env.BENCH_CATALOG_CLIENTS ?? 50);
const REQUESTS_PER_CLIENT = Number(process.env.BENCH_CATALOG_REQUESTS ?? 200);
const PAGE_SIZE = 20;
const PAGES_PER_WALK = 5;
/** Calls of the authenticator timed for each of the cached figures (after as many to warm up). */
const AUTH_CALLS = Number(process.env.BENCH_CATALOG_AUTH_CALLS ?? 200_000);
/** Tokens the authenticator has not seen, resolved once each for the uncached baseline. */
const AUTH_COLD_TOKENS = 200;
/** The dashboard's app list: a page of apps with the fields its table shows. */
const LIST_QUERY = `query($after: String) { apps(page: { first: ${PAGE_SIZE}, after: $after }) { totalCount edges { node { id name description icon latestVersion status categories updatedAt } } pageInfo { hasNextPage endCursor } } }`;

interface RunView { id: string; status: string; added: number; unchanged: number; error: string | null; startedAt: string | null; finishedAt: string | null; createdAt: string }
const RUN_FIELDS = 'id status added unchanged error createdAt startedAt finishedAt';

function report(name: string, value: number | string, target?: string): void {
  const shown = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(3)) : value;
  console.log(target === undefined ? `${name}: ${shown}` : `${name}: ${shown} (target: ${target})`);
}

async function waitForRun(stack: CatalogBenchStack, repoId: string, runId?: string): Promise<RunView> {
  for (;;) {
    const { repoEvents } = await stack.graphql<{ repoEvents: { edges: Array<{ node: RunView }> } }>(`query($repoId: String) { repoEvents(filter: { repoId: $repoId }, page: { first: 5 }) { edges { node { ${RUN_FIELDS} } } } }`, { repoId });
    const run = repoEvents.edges.map((edge) => edge.node).find((node) => (runId ? node.id === runId : true));
    if (run && (run.status === 'successful' || run.status === 'failed')) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}


/** Runs the concurrent clients in a child process (see list-clients.ts) and returns what it measured. */
async function listAppsConcurrently(url: string, apiPid: number, token: string): Promise<ListResult> {
  const options = { url, apiPid, token, query: LIST_QUERY, clients: CLIENTS, requestsPerClient: REQUESTS_PER_CLIENT, pagesPerWalk: PAGES_PER_WALK, warmupRequestsPerClient: 10 };
  const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=@pitrix/source', '--import', 'tsx', join(__dirname, 'list-clients.ts'), JSON.stringify(options)], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as ListResult;
}

/** What `measureList` gives back for the comparisons. */
interface ListFigures {
  readonly p99: number;
  readonly apiCpuMsPerRequest: number;
}

/**
 * Measures one API under the list load, every request with `token`, and prints its figures under
 * `prefix`.
 */
async function measureList(prefix: string, url: string, apiPid: number, graphql: CatalogBenchStack['graphql'], token: string, p99Target?: string): Promise<ListFigures> {
  // The account must see every app (active apps of a public repo), or the load reads empty pages.
  const { apps } = await graphql<{ apps: { totalCount: number } }>(LIST_QUERY, { after: null }, token);
  if (apps.totalCount !== APPS) throw new Error(`the list account sees ${apps.totalCount} apps, not ${APPS}`);
  const single: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    await graphql(LIST_QUERY, { after: null }, token);
    single.push(performance.now() - started);
  }
  report(`${prefix}_single_client_p50_ms`, percentile(single, 50));
  report(`${prefix}_single_client_p99_ms`, percentile(single, 99));
  report(`${prefix}_load_average_before`, loadAverage());
  const run = await listAppsConcurrently(url, apiPid, token);
  report(`${prefix}_load_average_after`, loadAverage());
  if (run.errors > 0) throw new Error(`${run.errors} list requests failed, the first: ${run.firstError}`);
  report(`${prefix}_requests`, run.samples.length);
  report(`${prefix}_cache_hit_ratio`, run.cacheHits / run.samples.length);
  report(`${prefix}_duration_seconds`, run.seconds);
  report(`${prefix}_throughput_per_second`, run.samples.length / run.seconds);
  // The CPU each side used (of this machine's cores, shared with PostgreSQL and everyone else).
  const apiCpuMsPerRequest = (run.apiCpuSeconds * 1000) / run.samples.length;
  report(`${prefix}_api_cpu_ms_per_request`, apiCpuMsPerRequest);
  report(`${prefix}_api_cpu_share`, run.apiCpuSeconds / run.seconds);
  report(`${prefix}_clients_cpu_share`, run.cpuSeconds / run.seconds);
  report(`${prefix}_p50_ms`, percentile(run.samples, 50));
  report(`${prefix}_p90_ms`, percentile(run.samples, 90));
  const p99 = percentile(run.samples, 99);
  report(`${prefix}_p99_ms`, p99, p99Target);
  return { p99, apiCpuMsPerRequest };
}

/** CPU time (user + system) of this process spent in `work`, in milliseconds. */
async function cpuMs(work: () => Promise<void> | void): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** Milliseconds with enough digits for figures of a few microseconds. */
function fineMs(ms: number): string {
  return ms.toFixed(5);
}

/**
 * The CPU the API spends resolving a request's caller, measured on the API's own Authenticator
 * (its caller cache listening to this database's account changes, as in the API process):
 * `fromHeaders`, what every GraphQL request runs, and `cachedFromHeaders`, the app list's
 * synchronous fast path, on the list account's token once it is cached; then, as the baseline,
 * `fromHeaders` on tokens it has not seen (each read from PostgreSQL, then cached). Only this
 * process's CPU is counted (PostgreSQL's is not); the worker in this process is idle meanwhile.
 */
async function measureAuth(stack: CatalogBenchStack, list: ListFigures): Promise<void> {
  const user = await stack.accounts.userByLogin('bench-user');
  if (!user) throw new Error('no account bench-user');
  const coldTokens: string[] = [];
  for (let i = 0; i < AUTH_COLD_TOKENS; i++) coldTokens.push((await stack.accounts.createToken(user.id, { name: `bench-catalog-cold-${i}`, scope: 'full', expiresAt: null })).token);
  const authenticator = new Authenticator(stack.accounts, stack.apiConfig);
  await authenticator.start();
  try {
    // Headers as a list request brings them (only `authorization` is read).
    const headers = { host: new URL(stack.url).host, 'content-type': 'application/json', 'content-length': '300', authorization: `Bearer ${stack.userToken}` };
    const first = await authenticator.fromHeaders(headers);
    if (first?.login !== 'bench-user') throw new Error(`the list token resolved to ${JSON.stringify(first)}`);
    const assertCached = () => {
      const resolution = authenticator.cachedFromHeaders(headers);
      if (!resolution.known || resolution.caller?.login !== 'bench-user') throw new Error(`the list token is not cached: ${JSON.stringify(resolution)}`);
    };
    assertCached();
    let sink = 0;
    const fastPath = () => {
      for (let i = 0; i < AUTH_CALLS; i++) if (authenticator.cachedFromHeaders(headers).known) sink++;
    };
    const everyRequest = async () => {
      for (let i = 0; i < AUTH_CALLS; i++) if (await authenticator.fromHeaders(headers)) sink++;
    };
    // Warm up both paths (the JIT), then time them.
    fastPath();
    await everyRequest();
    const fastPathMs = (await cpuMs(fastPath)) / AUTH_CALLS;
    const perRequestMs = (await cpuMs(everyRequest)) / AUTH_CALLS;
    // Nothing may have emptied the cache meanwhile, or the figures include reads of PostgreSQL.
    assertCached();
    if (sink !== 4 * AUTH_CALLS) throw new Error(`${4 * AUTH_CALLS - sink} resolutions of the list token failed`);
    const uncachedMs =
      (await cpuMs(async () => {
        for (const token of coldTokens) if ((await authenticator.fromHeaders({ ...headers, authorization: `Bearer ${token}` }))?.login !== 'bench-user') throw new Error('a fresh token did not resolve');
      })) / coldTokens.length;
    report('auth_calls', `${AUTH_CALLS} per cached figure (after as many to warm up); ${coldTokens.length} fresh tokens for the uncached one`);
    report('auth_cpu_per_request_ms', fineMs(perRequestMs), '< 0.02');
    report('auth_cpu_per_request_fast_path_ms', fineMs(fastPathMs));
    report('auth_cpu_per_request_uncached_ms', fineMs(uncachedMs));
    report('auth_cpu_per_request_ratio_to_uncached', fineMs(perRequestMs / uncachedMs));
    // How much of the API's CPU per cached list request resolving its caller takes.
    report('auth_cpu_per_request_ratio_to_list_apps_api_cpu', fineMs(perRequestMs / list.apiCpuMsPerRequest));
  } finally {
    await authenticator.onModuleDestroy();
  }
}

function loadAverage(): string {
  return loadavg().map((value) => value.toFixed(2)).join(' ');
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

    const changedStarted = performance.now();
    await addVersion(folder, join(ROOT, 'examples/packages/kv-store'), 0, '1.1.0');
    const changedIndexWritten = performance.now();
    const { indexRepo: changedRun } = await stack.graphql<{ indexRepo: { id: string } }>(`mutation($id: ID!) { indexRepo(id: $id) { id } }`, { id: createRepo.id });
    const changed = await waitForRun(stack, createRepo.id, changedRun.id);
    const changedSeconds = (performance.now() - changedIndexWritten) / 1000;
    if (changed.status !== 'successful' || changed.added !== 1 || changed.unchanged !== versions) throw new Error(`changed run: ${JSON.stringify(changed)}`);
    report('changed_reindex_setup_seconds', (changedIndexWritten - changedStarted) / 1000);
    report('changed_reindex_seconds', changedSeconds);

    report('list_apps_query', `pages of ${PAGE_SIZE} apps (id name description icon latestVersion status categories updatedAt, totalCount, pageInfo); each client walks ${PAGES_PER_WALK} pages by cursor, then starts over`);
    report('list_apps_clients', `${CLIENTS} (own process, closed loop, no think time, keep-alive)`);
    const cached = await measureList('list_apps', stack.url, stack.apiPid, stack.graphql, stack.userToken, '< 50');
    // The same load on an API that keeps no list pages or responses: every query is executed by
    // GraphQL and read from PostgreSQL. The baseline the cached figures compare against.
    const uncached = await stack.startApi({ PITRIX_API_APP_LIST_CACHE: 'false' });
    try {
      const baseline = await measureList('list_apps_uncached', uncached.url, uncached.pid, uncached.graphql, stack.userToken);
      report('list_apps_p99_ratio_to_uncached', cached.p99 / baseline.p99);
    } finally {
      await uncached.stop();
    }
    await measureAuth(stack, cached);
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
