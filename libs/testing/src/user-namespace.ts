import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testPostgresBaseUrl } from './database.js';
import { joinSockets } from './join-sockets.js';
import { testTemporalTarget } from './temporal-env.js';

/**
 * How this process can create network namespaces:
 * - `host`: it is root, so it creates them on this machine (or it already runs inside a user namespace, as root there);
 * - `user-namespace`: it is not root, but may start a user namespace where it is, and create them there;
 * - `unavailable`: neither, with the reason.
 */
export type NetworkNamespaceAccess = { readonly mode: 'host' } | { readonly mode: 'user-namespace' } | { readonly mode: 'unavailable'; readonly reason: string };

/** Set in the environment of a run inside a user namespace (see `runInUserNamespace`). */
export const USER_NAMESPACE_MARKER = 'PITRIX_TEST_IN_USER_NAMESPACE';

/** The namespaces a run gets: its own user (mapped to root), network, mount and pid namespaces. */
const UNSHARE_ARGS = ['--user', '--map-root-user', '--net', '--mount', '--pid', '--fork', '--mount-proc', '--kill-child'];

/** The probe of a user namespace: what the init of a run does, and one network namespace. */
const PROBE = 'ip link set lo up && mount -t tmpfs tmpfs /run && mkdir /run/netns && ip netns add probe';

/** Where `ip`, `mount` and `unshare` live on distributions that keep them out of a normal user's PATH. */
const SYSTEM_BIN_DIRS = ['/usr/sbin', '/sbin', '/usr/bin', '/bin'];

let access: NetworkNamespaceAccess | undefined;

/** Decides (once per process) how this process can create network namespaces. */
export function networkNamespaceAccess(): NetworkNamespaceAccess {
  access ??= probeAccess();
  return access;
}

function probeAccess(): NetworkNamespaceAccess {
  const uid = process.getuid?.();
  if (uid === 0) return { mode: 'host' };
  if (uid === undefined) return { mode: 'unavailable', reason: 'network namespaces need Linux' };
  const notRoot = `this process is not root (uid ${uid})`;
  if (process.env[USER_NAMESPACE_MARKER]) {
    return { mode: 'unavailable', reason: `${notRoot} although it runs inside the user namespace of an outer test run` };
  }
  for (const tool of ['unshare', 'ip', 'mount']) {
    if (!findTool(tool)) return { mode: 'unavailable', reason: `${notRoot} and the ${tool} tool is not installed, so it cannot use a user namespace` };
  }
  // What a run does first, tried for real: a machine may allow user namespaces but no privilege in them.
  const trial = spawnSync(findTool('unshare')!, [...UNSHARE_ARGS, 'sh', '-c', PROBE], {
    encoding: 'utf8',
    timeout: 10_000,
    env: { ...process.env, PATH: searchPath().join(delimiter) },
  });
  if (trial.status !== 0) {
    const why = (trial.stderr || trial.error?.message || `exit ${trial.status}`).trim();
    return { mode: 'unavailable', reason: `${notRoot} and a user namespace is not usable here (unshare ${UNSHARE_ARGS.join(' ')} sh -c '${PROBE}': ${why})` };
  }
  return { mode: 'user-namespace' };
}

function searchPath(): string[] {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return [...dirs, ...SYSTEM_BIN_DIRS.filter((dir) => !dirs.includes(dir))];
}

function findTool(name: string): string | undefined {
  return searchPath()
    .map((dir) => join(dir, name))
    .find((path) => existsSync(path));
}

/** A host TCP service made reachable inside the namespace, on 127.0.0.1 at the same port. */
export interface ForwardedPort {
  readonly host: string;
  readonly port: number;
}

/** Options of `runInUserNamespace`. */
export interface UserNamespaceRunOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** The command's environment (PATH gains the system folders, and the marker is set). */
  readonly env?: NodeJS.ProcessEnv;
  /** Host services the command needs, reachable inside on 127.0.0.1:<port>. */
  readonly forward?: readonly ForwardedPort[];
  /** The whole namespace is killed after this long. */
  readonly timeoutMs: number;
}

/** How a run inside a user namespace ended, with everything it wrote to stdout and stderr. */
export interface UserNamespaceRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly output: string;
}

const OUTPUT_LIMIT = 4 * 1024 * 1024;

/**
 * Runs a command as root in fresh user, network, mount and pid namespaces (`unshare`), for a
 * process that is not root. Inside, loopback is up, /run is a private tmpfs (so `ip netns add`
 * works) and each `forward` port of the host is relayed to 127.0.0.1 through a unix socket (a
 * filesystem path reaches across network namespaces). Whatever the command starts ends with it.
 */
export async function runInUserNamespace(options: UserNamespaceRunOptions): Promise<UserNamespaceRun> {
  const unshare = findTool('unshare');
  if (!unshare) throw new Error('the unshare tool is not installed');
  const folder = mkdtempSync(join(tmpdir(), 'pitrix-userns-'));
  const relays = await Promise.all((options.forward ?? []).map((target) => unixRelay(join(folder, `${target.port}.sock`), target)));
  try {
    const spec = {
      command: options.command,
      args: options.args,
      cwd: options.cwd,
      relays: (options.forward ?? []).map((target, i) => ({ port: target.port, socket: relays[i]!.path })),
    };
    const env = { ...(options.env ?? process.env), PATH: searchPath().join(delimiter), [USER_NAMESPACE_MARKER]: '1' };
    const child = spawn(unshare, [...UNSHARE_ARGS, process.execPath, join(__dirname, '..', 'assets', 'user-namespace-init.js'), JSON.stringify(spec)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      if (output.length < OUTPUT_LIMIT) output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
    }).finally(() => clearTimeout(timer));
    return { code, signal, timedOut, output };
  } finally {
    await Promise.all(relays.map((relay) => relay.close()));
    rmSync(folder, { recursive: true, force: true });
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Accepts on unix socket `path` and joins each connection to TCP `target`. */
function unixRelay(path: string, target: ForwardedPort): Promise<{ path: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect({ host: target.host, port: target.port });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    }
    joinSockets(client, upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () =>
      resolve({
        path,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}

/** What a vitest run of one test file inside a user namespace reported. */
export interface NamespacedTestReport {
  readonly passed: readonly string[];
  readonly run: UserNamespaceRun;
}

/** Options of `runTestFileInUserNamespace`. */
export interface NamespacedTestFileOptions {
  /** The test file (a path or file: URL); its vitest project is the nearest folder with a vitest config. */
  readonly testFile: string;
  /** Added to this process's environment for the inner run. */
  readonly env?: Readonly<Record<string, string>>;
  readonly forward?: readonly ForwardedPort[];
  readonly timeoutMs: number;
}

/**
 * Runs one test file under vitest as root inside a user namespace and checks that it really ran:
 * at least one test, every test passed, none skipped, no file or hook error. Throws with the inner
 * run's output otherwise.
 */
export async function runTestFileInUserNamespace(options: NamespacedTestFileOptions): Promise<NamespacedTestReport> {
  const file = options.testFile.startsWith('file:') ? fileURLToPath(options.testFile) : options.testFile;
  const root = projectRoot(file);
  const vitest = join(dirname(createRequire(join(root, 'package.json')).resolve('vitest/package.json')), 'vitest.mjs');
  const folder = mkdtempSync(join(tmpdir(), 'pitrix-userns-report-'));
  const reportFile = join(folder, 'report.json');
  try {
    // Plain text: the output ends up in an error message.
    const env: NodeJS.ProcessEnv = { NO_COLOR: '1', ...options.env };
    // The outer vitest's worker variables would confuse the inner vitest.
    for (const [key, value] of Object.entries(process.env)) if (!/^(VITEST|TINYPOOL|FORCE_COLOR)/.test(key) && !(key in env)) env[key] = value;
    const run = await runInUserNamespace({
      command: process.execPath,
      args: [vitest, 'run', '--root', root, relative(root, file), '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`],
      cwd: root,
      env,
      forward: options.forward,
      timeoutMs: options.timeoutMs,
    });
    const problem = (message: string) => new Error(`${message}\n--- output of the run inside the user namespace ---\n${tail(run.output)}`);
    if (run.timedOut) throw problem(`the run inside the user namespace did not finish in ${options.timeoutMs} ms`);
    if (!existsSync(reportFile)) throw problem(`the run inside the user namespace wrote no report (exit ${run.code ?? run.signal})`);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestJsonReport;
    const tests = report.testResults.flatMap((result) => result.assertionResults);
    const notPassed = tests.filter((test) => test.status !== 'passed');
    // A file fails with its tests, or alone (an import or hook error, with its message).
    const fileErrors = report.testResults.filter((result) => result.status !== 'passed' && (result.message || notPassed.length === 0)).map((result) => result.message || result.status);
    if (tests.length === 0) throw problem('the run inside the user namespace ran no test');
    if (notPassed.length > 0 || fileErrors.length > 0 || run.code !== 0) {
      const details = [...notPassed.map((test) => `${test.status}: ${test.fullName}`), ...fileErrors.map((message) => `file: ${message}`)];
      throw problem(`the run inside the user namespace did not pass (exit ${run.code ?? run.signal}): ${details.join('; ') || 'see output'}`);
    }
    return { passed: tests.map((test) => test.fullName), run };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

interface VitestJsonReport {
  readonly testResults: ReadonlyArray<{
    readonly status: string;
    readonly message?: string;
    readonly assertionResults: ReadonlyArray<{ readonly fullName: string; readonly status: string }>;
  }>;
}

function projectRoot(file: string): string {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    if (['vitest.config.mts', 'vitest.config.ts', 'vitest.config.mjs', 'vitest.config.js'].some((name) => existsSync(join(dir, name)))) return dir;
  }
  throw new Error(`no vitest config above ${file}`);
}

function tail(output: string, lines = 300): string {
  const all = output.trimEnd().split('\n');
  return all.length <= lines ? all.join('\n') : [`... (${all.length - lines} earlier lines)`, ...all.slice(-lines)].join('\n');
}

/**
 * What a test on the shared Temporal server and PostgreSQL needs inside a user namespace: both
 * relayed to 127.0.0.1 at their ports, and the inner run's environment pointing there.
 */
export function testServicesInUserNamespace(): { forward: ForwardedPort[]; env: Record<string, string> } {
  const temporal = testTemporalTarget().address;
  const separator = temporal.lastIndexOf(':');
  const temporalPort = Number(temporal.slice(separator + 1));
  const postgres = new URL(testPostgresBaseUrl());
  const postgresPort = Number(postgres.port || 5432);
  const forward = [
    { host: temporal.slice(0, separator).replace(/^\[|\]$/g, ''), port: temporalPort },
    { host: postgres.hostname.replace(/^\[|\]$/g, ''), port: postgresPort },
  ];
  postgres.hostname = '127.0.0.1';
  postgres.port = String(postgresPort);
  return { forward, env: { PITRIX_TEST_TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`, PITRIX_TEST_DATABASE_URL: postgres.toString() } };
}
