import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, type ManagedProcess } from './managed-process.js';

/** How to run the project's S3-compatible server (infra/s3). */
export interface S3ServerOptions {
  readonly binary: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly accessKey: string;
  readonly secretKey: string;
  /** Folder of the bolt database that keeps objects across restarts; undefined keeps them in memory. */
  readonly dataDir?: string;
  /** Buckets created at start when missing. */
  readonly buckets?: readonly string[];
  /** Folder for the secret file, the port file and the log. */
  readonly dir: string;
  readonly logFile?: string;
  readonly pidFile?: string;
  readonly detached?: boolean;
}

/** A running S3 server: its endpoint URL and the process. */
export interface RunningS3Server {
  readonly endpoint: string;
  readonly process: ManagedProcess;
}

/** Starts the S3 server and waits until it reports its port. */
export async function startS3Server(options: S3ServerOptions): Promise<RunningS3Server> {
  mkdirSync(options.dir, { recursive: true });
  const secretFile = join(options.dir, 's3-secret');
  const portFile = join(options.dir, 's3-port');
  writeFileSync(secretFile, options.secretKey, { mode: 0o600 });
  writeFileSync(portFile, '');
  const args = ['-addr', `${options.host}:${options.port}`, '-access-key', options.accessKey, '-secret-file', secretFile, '-port-file', portFile];
  if (options.dataDir) args.push('-data-dir', options.dataDir);
  if (options.buckets && options.buckets.length > 0) args.push('-buckets', options.buckets.join(','));
  const logFile = options.logFile ?? join(options.dir, 's3.log');
  const server = await startProcess({ name: 's3', command: options.binary, args, logFile, pidFile: options.pidFile, detached: options.detached });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const port = existsSync(portFile) ? readFileSync(portFile, 'utf8').trim() : '';
    if (port) return { endpoint: `http://${options.host}:${port}`, process: server };
    if (!server.isAlive()) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await server.stop();
  throw new Error(`the S3 server did not start; see ${logFile}`);
}
