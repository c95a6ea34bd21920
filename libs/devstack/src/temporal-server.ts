import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { startProcess, type ManagedProcess } from './managed-process.js';
import { waitForPort } from './ports.js';

/** A search attribute the workflows set, registered when the dev server starts. */
export interface SearchAttributeSpec {
  readonly name: string;
  readonly type: 'Keyword' | 'Text' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList';
}

/** How to run `temporal server start-dev`. */
export interface TemporalDevServerOptions {
  readonly binary: string;
  readonly host: string;
  readonly port: number;
  /** Web UI port; undefined runs headless. */
  readonly uiPort?: number;
  /** SQLite file for state that survives a restart; undefined keeps state in memory. */
  readonly dbFile?: string;
  readonly namespace: string;
  readonly searchAttributes: readonly SearchAttributeSpec[];
  readonly logFile: string;
  readonly pidFile?: string;
  readonly detached?: boolean;
  readonly startTimeoutMs?: number;
}

/** Starts the Temporal dev server and waits until its namespace answers. */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<ManagedProcess> {
  if (options.dbFile) mkdirSync(dirname(options.dbFile), { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    options.host,
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecution=true',
    ...(options.uiPort ? ['--ui-port', String(options.uiPort), '--ui-ip', options.host] : ['--headless']),
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
    ...options.searchAttributes.flatMap((attr) => ['--search-attribute', `${attr.name}=${attr.type}`]),
  ];
  const server = await startProcess({
    name: 'temporal',
    command: options.binary,
    args,
    logFile: options.logFile,
    pidFile: options.pidFile,
    detached: options.detached,
  });
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  try {
    await waitForPort(options.host, options.port, { timeoutMs, what: 'Temporal dev server', isAlive: server.isAlive });
    await waitForNamespace(options, timeoutMs);
  } catch (err) {
    await server.stop();
    throw new Error(`${(err as Error).message}; see ${options.logFile}`);
  }
  return server;
}

/** Polls `temporal operator namespace describe` until the namespace is served. */
async function waitForNamespace(options: TemporalDevServerOptions, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await describeNamespace(options);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Temporal namespace ${options.namespace} not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function describeNamespace(options: TemporalDevServerOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(
      options.binary,
      ['operator', 'namespace', 'describe', '--address', `${options.host}:${options.port}`, '--namespace', options.namespace],
      { stdio: 'ignore' },
    );
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}
