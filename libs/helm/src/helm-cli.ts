import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Chart files as they travel in job payloads: paths relative to the chart's top folder. */
export interface HelmChartFile {
  readonly path: string;
  readonly contentBase64: string;
  readonly mode: number;
}

/** What one helm call printed, with its exit code. */
export interface HelmOutput {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of one helm call. */
export interface HelmCallOptions {
  /** Kubeconfig content; written to a 0600 file that only this call sees and that is deleted after it. */
  readonly kubeconfig?: string;
  /** Values, written to a 0600 values file (never on the command line, where `ps` shows it). */
  readonly values?: Readonly<Record<string, unknown>>;
  /** The chart, written to a private folder; `{chart}` in the arguments is replaced by its path. */
  readonly chart?: readonly HelmChartFile[];
  /** Longest the call may run before it is killed. */
  readonly timeoutMs?: number;
}

/**
 * The helm binary. Every call runs in a private temporary folder (mode 0700) holding its
 * kubeconfig, values and chart, removed when the call ends, so no credential outlives the call
 * and concurrent calls never share files. Helm's own caches and config go there too: a call
 * reads no state left by another.
 */
export class HelmCli {
  constructor(private readonly binary: string) {}

  /**
   * Runs `helm <args>`. `{kubeconfig}`, `{values}` and `{chart}` in the arguments are replaced by
   * the paths of the files the options asked for. Resolves with the exit code and output; it
   * rejects only when the binary cannot be started or the call times out.
   */
  async run(args: readonly string[], options: HelmCallOptions = {}): Promise<HelmOutput> {
    const dir = mkdtempSync(join(tmpdir(), 'pitrix-helm-'));
    chmodSync(dir, 0o700);
    try {
      const paths: Record<string, string> = {};
      if (options.kubeconfig !== undefined) paths['{kubeconfig}'] = writePrivate(join(dir, 'kubeconfig'), options.kubeconfig);
      if (options.values !== undefined) paths['{values}'] = writePrivate(join(dir, 'values.json'), JSON.stringify(options.values));
      if (options.chart !== undefined) paths['{chart}'] = writeChart(join(dir, 'chart'), options.chart);
      const resolved = args.map((arg) => paths[arg] ?? arg);
      if (options.kubeconfig !== undefined) resolved.push('--kubeconfig', paths['{kubeconfig}'] as string);
      return await this.spawn(resolved, dir, options.timeoutMs ?? 300_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  private spawn(args: readonly string[], dir: string, timeoutMs: number): Promise<HelmOutput> {
    return new Promise((resolve, reject) => {
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        HELM_CACHE_HOME: join(dir, 'cache'),
        HELM_CONFIG_HOME: join(dir, 'config'),
        HELM_DATA_HOME: join(dir, 'data'),
      };
      const child = spawn(this.binary, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`helm ${args[0] ?? ''} did not finish within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`cannot run helm (${this.binary}): ${err.message}`));
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        resolve({ exitCode: code ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
      });
    });
  }
}

function writePrivate(path: string, content: string): string {
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

function writeChart(root: string, files: readonly HelmChartFile[]): string {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  for (const file of files) {
    const target = join(root, file.path);
    if (!target.startsWith(`${root}/`)) throw new Error(`chart file path escapes the chart folder: ${file.path}`);
    mkdirSync(dirname(target), { recursive: true });
    // Charts are data: no file keeps an executable, setuid or setgid bit.
    writeFileSync(target, Buffer.from(file.contentBase64, 'base64'), { mode: 0o600 });
  }
  return root;
}
