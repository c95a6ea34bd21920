import { freePort, startProcess, type ManagedProcess } from '@pitrix/devstack';
import { closeSync, openSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { Backoff, LEAF_RESTART_BACKOFF, sleep } from './backoff.js';
import type { Logger } from './log.js';

/** Where the leaf server's files are and how to tell it is up. */
export interface LeafServerOptions {
  readonly binary: string;
  readonly configFile: string;
  readonly logFile: string;
  readonly pidFile: string;
  /**
   * Renders its configuration with a monitoring port on 127.0.0.1. A free one is picked for each
   * start, so a port taken since the last start does not keep the server down.
   */
  readonly render: (monitorPort: number) => string;
  readonly log: Logger;
}

/** How long a starting server may take before we say so (it may be recovering JetStream). */
const SLOW_START_MS = 20_000;

/**
 * Runs and supervises the frontgate's nats-server: starts it again whenever it dies or cannot
 * start, with exponential back-off (LEAF_RESTART_BACKOFF), logging each failure once with the
 * reason from the server's log; reloads its configuration in place with SIGHUP (connected
 * clients stay connected); on each start kills a server a crashed frontgate left behind.
 */
export class LeafServer {
  private process?: ManagedProcess;
  private stopping = false;
  private starts = 0;
  private up = false;
  private waiters: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];
  private retry?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly backoff: Backoff;
  private monitorPort = 0;

  constructor(private readonly options: LeafServerOptions) {
    this.backoff = new Backoff(LEAF_RESTART_BACKOFF);
  }

  /** How many times the server was started again after dying or failing to start. */
  get restarts(): number {
    return Math.max(0, this.starts - 1);
  }

  /** Starts supervising: a server that cannot start is retried, never thrown. */
  start(): void {
    this.running = this.run();
  }

  /**
   * Its monitoring endpoint. `/healthz` there answers 200 only once this server's own client
   * listener is bound, which is how we tell it is up: a port that merely accepts connections may
   * be another process's.
   */
  get monitorUrl(): string {
    return `http://127.0.0.1:${this.monitorPort}`;
  }

  /** Resolves once the server accepts clients (at once if it does now); rejects when stopped. */
  whenUp(): Promise<void> {
    if (this.stopping) return Promise.reject(new Error('the leaf server is stopped'));
    if (this.up) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Renders the configuration again and asks the running server to reload it. */
  reload(): void {
    this.writeConfig(this.options.render(this.monitorPort));
    if (this.process?.isAlive()) process.kill(this.process.pid, 'SIGHUP');
  }

  /** Stops the server and its supervision. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retry);
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('the leaf server is stopped'));
    await this.process?.stop(5_000);
    await this.running;
  }

  private writeConfig(config: string): void {
    writeFileSync(`${this.options.configFile}.tmp`, config, { mode: 0o600 });
    renameSync(`${this.options.configFile}.tmp`, this.options.configFile);
  }

  /** One run of the server, from start to exit, then the next one after the back-off delay. */
  private async run(): Promise<void> {
    if (this.stopping) return;
    this.starts++;
    const logStart = fileSize(this.options.logFile);
    let outcome: string;
    let ranMs = 0;
    try {
      this.monitorPort = await freePort();
      this.writeConfig(this.options.render(this.monitorPort));
      const server = await startProcess({ name: 'leaf-server', command: this.options.binary, args: ['-c', this.options.configFile], logFile: this.options.logFile, pidFile: this.options.pidFile });
      this.process = server;
      if (this.stopping) return await server.stop(5_000);
      if (await this.waitUntilUp(server)) {
        const upAt = Date.now();
        this.setUp(true);
        const code = await server.exited;
        this.setUp(false);
        ranMs = Date.now() - upAt;
        outcome = `exited (${code}) after ${Math.round(ranMs / 1000)} s up`;
      } else {
        outcome = `did not start (exit ${await server.exited})`;
      }
    } catch (err) {
      outcome = `could not be started (${(err as Error).message})`;
    }
    if (this.stopping) return;
    const delay = this.backoff.next(ranMs);
    const reason = failureReason(readFrom(this.options.logFile, logStart));
    this.options.log.warn(`leaf server ${outcome}: ${reason}; starting it again in ${delay / 1000} s (see ${this.options.logFile})`);
    this.retry = setTimeout(() => (this.running = this.run()), delay);
  }

  /** True once the server accepts clients; false when it exits first (or we are stopping). */
  private async waitUntilUp(server: ManagedProcess): Promise<boolean> {
    const slowAt = Date.now() + SLOW_START_MS;
    let said = false;
    while (server.isAlive() && !this.stopping) {
      if (await isHealthy(this.monitorUrl)) return server.isAlive();
      if (!said && Date.now() > slowAt) {
        said = true;
        this.options.log.warn(`leaf server still not accepting clients after ${SLOW_START_MS / 1000} s; waiting (see ${this.options.logFile})`);
      }
      await sleep(100);
    }
    return false;
  }

  private setUp(up: boolean): void {
    this.up = up;
    if (up) for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }
}

/**
 * Why a nats-server stopped, from what it wrote: its last fatal line without the pid and time
 * ("Error listening on port: ... bind: address already in use"), else its last line.
 */
export function failureReason(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const fatal = lines.findLast((line) => line.includes('[FTL]'));
  if (fatal) return fatal.replace(/^\[\d+\] \S+ \S+ \[FTL\] /, '').slice(0, 300);
  const last = lines.at(-1);
  return last ? `its last words: ${last.slice(0, 300)}` : 'it wrote nothing';
}

async function isHealthy(monitorUrl: string): Promise<boolean> {
  try {
    return (await fetch(`${monitorUrl}/healthz?js-server-only=true`, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** What a run appended to the log: from `start`, at most its last 64 KiB (a long run logs a lot). */
function readFrom(file: string, start: number): string {
  try {
    const size = fileSize(file);
    const from = Math.max(start, size - 65_536);
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(Math.max(0, size - from));
      const read = readSync(fd, buffer, 0, buffer.length, from);
      return buffer.subarray(0, read).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}
