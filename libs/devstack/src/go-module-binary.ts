import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Builds a Go program that lives in this repository (e.g. `infra/s3`) into the binary cache,
 * keyed by a hash of its sources, so it is built once per change and machine.
 */
export async function ensureLocalGoBinary(binCache: string, name: string, sourceDir: string, log: (line: string) => void = () => {}): Promise<string> {
  const digest = hashSources(sourceDir);
  const target = join(binCache, `${name}-${digest}`, name);
  if (existsSync(target)) return target;
  mkdirSync(binCache, { recursive: true });
  const staging = mkdtempSync(join(binCache, `.${name}-build-`));
  log(`building ${name} from ${sourceDir} (first run after a change)`);
  try {
    await run('go', ['build', '-trimpath', '-o', join(staging, name), '.'], sourceDir);
    const finalDir = join(binCache, `${name}-${digest}`);
    if (!existsSync(target)) {
      rmSync(finalDir, { recursive: true, force: true });
      renameSync(staging, finalDir);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

function hashSources(dir: string): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.go') || f === 'go.mod' || f === 'go.sum').sort()) {
    hash.update(file).update(readFileSync(join(dir, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, CGO_ENABLED: '0' }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', (err) => reject(new Error(`cannot run ${command}: ${err.message}`)));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} in ${cwd} exited with ${code}`))));
  });
}

/** Sources of the project's S3-compatible server (infra/s3), from this file in src/ or dist/. */
const S3_SERVER_SOURCES = join(__dirname, '..', '..', '..', 'infra', 's3');

/** Builds (once per change of infra/s3) the project's S3-compatible server and returns its path. */
export function ensureS3ServerBinary(binCache: string, log: (line: string) => void = () => {}): Promise<string> {
  return ensureLocalGoBinary(binCache, 's3server', S3_SERVER_SOURCES, log);
}
