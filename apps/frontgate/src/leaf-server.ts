import { startProcess, waitForPort, type ManagedProcess } from '@pitrix/devstack';
import { renameSync, writeFileSync } from 'node:fs';
import type { Logger } from './log.js';

/** Where the leaf server's files are and how to reach it. */
export interface LeafServerOptions {
  readonly binary: string;
  readonly configFile: string;
  readonly logFile: string;
  readonly pidFile: string;
  readonly host: string;
  readonly port: number;
  readonly log: Logger;
}

const MAX_BACKOFF_MS = 5_000;

/**
 * Runs and supervises the frontgate's nats-server: restarts it when it dies (backing off up to
 * 5 s), reloads its configuration in place with SIGHUP (connected clients stay connected), and
 * on start kills a server a crashed frontgate left behind (through its pid file).
 */
export class LeafServer {
  private process?: ManagedProcess;
  private stopping = false;
  private backoffMs = 200;
  private restartCount = 0;

  constructor(private readonly options: LeafServerOptions) {}

  /** How many times the server died and was started again. */
  get restarts(): number {
    return this.restartCount;
  }

  /** Writes `config` and starts the server; resolves once it accepts clients. */
  async start(config: string): Promise<void> {
    this.writeConfig(config);
    await this.spawn();
  }

  /** Writes `config` and asks the running server to reload it. */
  reload(config: string): void {
    this.writeConfig(config);
    if (this.process?.isAlive()) process.kill(this.process.pid, 'SIGHUP');
  }

  /** Stops the server and its supervision. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.process?.stop(5_000);
  }

  private writeConfig(config: string): void {
    writeFileSync(`${this.options.configFile}.tmp`, config, { mode: 0o600 });
    renameSync(`${this.options.configFile}.tmp`, this.options.configFile);
  }

  private async spawn(): Promise<void> {
    const server = await startProcess({
      name: 'leaf-server',
      command: this.options.binary,
      args: ['-c', this.options.configFile],
      logFile: this.options.logFile,
      pidFile: this.options.pidFile,
    });
    this.process = server;
    const startedAt = Date.now();
    void server.exited.then((code) => this.onExit(code, startedAt));
    await waitForPort(this.options.host, this.options.port, { timeoutMs: 20_000, what: 'the leaf server', isAlive: server.isAlive });
  }

  private onExit(code: number | null, startedAt: number): void {
    if (this.stopping) return;
    if (Date.now() - startedAt > 30_000) this.backoffMs = 200;
    this.options.log.warn(`leaf server exited (${code}); restarting in ${this.backoffMs} ms (see ${this.options.logFile})`);
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    setTimeout(() => {
      if (this.stopping) return;
      this.restartCount++;
      this.spawn().catch((err: unknown) => this.options.log.error(`leaf server did not start again: ${(err as Error).message}`));
    }, delay);
  }
}
