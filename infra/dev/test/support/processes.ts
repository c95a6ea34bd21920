import { freePort, startProcess, waitForPort, type ManagedProcess } from '@pitrix/devstack';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Processes a test file starts, stopped (and their folder removed) by `stopAll`. */
export class TestProcesses {
  readonly dir = mkdtempSync(join(tmpdir(), 'pitrix-dev-test-'));
  private readonly started: ManagedProcess[] = [];

  /** Runs node with `args` as a separate process; a `pidFile` makes it look like one `npm start` ran. */
  async node(name: string, args: string[], options: { pidFile?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<ManagedProcess> {
    const child = await startProcess({
      name,
      command: process.execPath,
      args,
      logFile: join(this.dir, `${name}.log`),
      pidFile: options.pidFile,
      env: options.env,
      cwd: options.cwd,
    });
    this.started.push(child);
    return child;
  }

  /**
   * Another process listening on a free port of 127.0.0.1 with a plain HTTP server that answers
   * every request 200 with a JSON body: an open port that answers, but is no Pitrix server.
   */
  async plainHttpServer(options: { port?: number; pidFile?: string } = {}): Promise<{ port: number; process: ManagedProcess }> {
    const port = options.port ?? (await freePort());
    const script = `require('node:http').createServer((req, res) => { res.setHeader('content-type', 'application/json'); res.end('{"data":{"__typename":"Query"}}'); }).listen(${port}, '127.0.0.1')`;
    const server = await this.node(`http-${port}`, ['-e', script], { pidFile: options.pidFile });
    await waitForPort('127.0.0.1', port, { timeoutMs: 10_000, what: 'the plain HTTP server', isAlive: server.isAlive });
    return { port, process: server };
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.started.map((child) => child.stop()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
