// Runs closed-loop GraphQL clients against the API from its own process (as a dashboard's users
// would, from elsewhere), so the clients' own work does not run on the API's or the worker's
// event loop. Each client sends its next request as soon as the previous answer arrived (no think
// time), over its own keep-alive connection. The requests go through undici's connection pool
// rather than fetch: fetch spends about 0.8 ms of CPU per request here (node:http about 0.35 ms),
// so 50 fetch clients in one process saturate their own core and measure mostly their own
// queueing. Every request carries the same access token (`Authorization: Bearer`), the one of a
// plain `user` account, as the dashboard's users send theirs. Prints one JSON line: samples and
// duration.
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import { performance } from 'node:perf_hooks';

interface ListRun {
  readonly url: string;
  /** The access token every request sends. */
  readonly token: string;
  readonly query: string;
  readonly clients: number;
  readonly requestsPerClient: number;
  /** Pages a client walks forward (following endCursor) before it starts again from the first. */
  readonly pagesPerWalk: number;
  /** The API's process id: the CPU it used during the measured run is reported. */
  readonly apiPid: number;
}

/** What one measured run of the clients gives (the last line the script prints, as JSON). */
export interface ListResult {
  readonly samples: number[];
  readonly seconds: number;
  readonly errors: number;
  /** The first failed answer (status and body), when one failed. */
  readonly firstError?: string;
  /** Answers the API served from its stored responses (header x-pitrix-cache: hit). */
  readonly cacheHits: number;
  /** CPU time the clients' process spent (user + system), in seconds. */
  readonly cpuSeconds: number;
  /** CPU time the API process spent meanwhile, in seconds. */
  readonly apiCpuSeconds: number;
}

/** CPU time a process has used (user + system), from /proc/<pid>/stat (fields 14 and 15, in 1/100 s). */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

let pool: Pool | undefined;

async function request(url: string, token: string, query: string, after: string | null): Promise<{ pageInfo?: { endCursor: string | null }; cacheHit: boolean; failure?: string }> {
  const target = new URL(url);
  pool ??= new Pool(target.origin, { connections: 1000 });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const response = await pool.request({ path: target.pathname, method: 'POST', headers, body: JSON.stringify({ query, variables: { after } }) });
  const text = await response.body.text();
  const body = (response.statusCode === 200 ? JSON.parse(text) : {}) as { data?: { apps: { pageInfo: { endCursor: string | null } } }; errors?: unknown[] };
  const pageInfo = body.errors || !body.data ? undefined : body.data.apps.pageInfo;
  // x-pitrix-cache is the API's own report of how it answered, not an identity.
  return { pageInfo, cacheHit: response.headers['x-pitrix-cache'] === 'hit', failure: pageInfo ? undefined : `${response.statusCode} ${text.slice(0, 500)}` };
}

async function run(options: ListRun): Promise<ListResult> {
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let cacheHits = 0;
  const client = async () => {
    let after: string | null = null;
    for (let i = 0; i < options.requestsPerClient; i++) {
      const started = performance.now();
      const { pageInfo, cacheHit, failure } = await request(options.url, options.token, options.query, after);
      samples.push(performance.now() - started);
      if (!pageInfo) {
        errors++;
        firstError ??= failure;
      }
      if (cacheHit) cacheHits++;
      after = (i + 1) % options.pagesPerWalk === 0 ? null : (pageInfo?.endCursor ?? null);
    }
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const apiCpu = processCpuSeconds(options.apiPid);
  await Promise.all(Array.from({ length: options.clients }, client));
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  return { samples, seconds, errors, firstError, cacheHits, cpuSeconds: (used.user + used.system) / 1e6, apiCpuSeconds: processCpuSeconds(options.apiPid) - apiCpu };
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] as string) as ListRun & { warmupRequestsPerClient: number };
  await run({ ...options, requestsPerClient: options.warmupRequestsPerClient });
  process.stdout.write(`${JSON.stringify(await run(options))}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
