import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** A binary built with `go install module@version` and kept in a cache folder keyed by version. */
export interface GoBinary {
  readonly name: string;
  readonly module: string;
  readonly version: string;
}

/** The Temporal CLI (its `server start-dev` is the dev and test Temporal server). */
export function temporalCli(version: string): GoBinary {
  return { name: 'temporal', module: 'github.com/temporalio/cli/cmd/temporal', version };
}

/** The NATS server used for the hub and every frontgate leaf. */
export function natsServer(version: string): GoBinary {
  return { name: 'nats-server', module: 'github.com/nats-io/nats-server/v2', version };
}

/** Where a binary lives in the cache: `<cache>/<name>-<version>/<name>`. */
export function cachedBinaryPath(binCache: string, binary: GoBinary): string {
  return join(binCache, `${binary.name}-${binary.version}`, binary.name);
}

/**
 * Returns the cached binary, building it with `go install` first when it is missing. The build
 * goes to a temporary folder that is renamed into place, so an interrupted build never leaves a
 * half-written binary behind and two concurrent builds cannot corrupt each other.
 */
export async function ensureGoBinary(binCache: string, binary: GoBinary, log: (line: string) => void = () => {}): Promise<string> {
  const target = cachedBinaryPath(binCache, binary);
  if (existsSync(target)) return target;
  mkdirSync(binCache, { recursive: true });
  const staging = mkdtempSync(join(binCache, `.${binary.name}-build-`));
  log(`building ${binary.module}@${binary.version} with go install (first run only)`);
  try {
    await run('go', ['install', `${binary.module}@${binary.version}`], { ...process.env, GOBIN: staging, CGO_ENABLED: '0', GOFLAGS: '-trimpath' });
    const finalDir = join(binCache, `${binary.name}-${binary.version}`);
    if (!existsSync(target)) {
      rmSync(finalDir, { recursive: true, force: true });
      renameSync(staging, finalDir);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', (err) => reject(new Error(`cannot run ${command}: ${err.message} (is Go installed?)`)));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}
