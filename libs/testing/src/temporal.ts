import { freePort, startTemporalDevServer } from '@pitrix/devstack';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '@pitrix/workflow-contract';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporalBinary } from './binaries.js';

/** A Temporal server tests can use, and how to stop it if the tests started it. */
export interface TestTemporal {
  readonly address: string;
  readonly namespace: string;
  readonly binary: string;
  stop(): Promise<void>;
}

/** Namespace every test uses; tests isolate themselves by task queue. */
export const TEST_NAMESPACE = 'pitrix';

/**
 * Reuses the server in PITRIX_TEST_TEMPORAL_ADDRESS, or starts a headless in-memory dev server on
 * a free port with the Pitrix namespace and search attributes.
 */
export async function ensureTestTemporal(env: NodeJS.ProcessEnv): Promise<TestTemporal> {
  const binary = await temporalBinary(env);
  const given = env.PITRIX_TEST_TEMPORAL_ADDRESS;
  if (given) return { address: given, namespace: TEST_NAMESPACE, binary, stop: async () => undefined };
  // A free port can be taken by another process before the server binds it (test projects start
  // side by side); then the server exits at once and another port is tried.
  for (let attempt = 1; ; attempt++) {
    try {
      const server = await startTestTemporalServer({ binary });
      return { address: server.address, namespace: TEST_NAMESPACE, binary, stop: server.stop };
    } catch (err) {
      if (attempt >= 3 || !/exited before listening/.test((err as Error).message)) throw err;
    }
  }
}

/** Options of a private Temporal server (chaos tests restart theirs; state survives in `dbFile`). */
export interface TestTemporalServerOptions {
  readonly binary: string;
  readonly port?: number;
  readonly dbFile?: string;
}

/** Starts a private, headless Temporal dev server. */
export async function startTestTemporalServer(options: TestTemporalServerOptions) {
  const port = options.port ?? (await freePort());
  const logDir = mkdtempSync(join(tmpdir(), 'pitrix-temporal-'));
  const server = await startTemporalDevServer({
    binary: options.binary,
    host: '127.0.0.1',
    port,
    namespace: TEST_NAMESPACE,
    searchAttributes: SEARCH_ATTRIBUTE_REGISTRATIONS,
    logFile: join(logDir, 'temporal.log'),
    dbFile: options.dbFile,
  });
  return { address: `127.0.0.1:${port}`, port, process: server, stop: () => server.stop() };
}
