import type { ApiHarness } from '@pitrix/e2e-harness';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '../../bin/pitrix.js');

/** How one run of the CLI ended. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The built `pitrix`, run against the harness's API as its admin. `harness` is read at each run,
 * so the runner can be made before `beforeAll` starts the API.
 */
export function adminCli(harness: () => ApiHarness): { pitrix(args: string[], input?: string): Promise<CliRun>; json<T>(args: string[]): Promise<T> } {
  const pitrix = (args: string[], input?: string) =>
    new Promise<CliRun>((resolve) => {
      const api = harness();
      const child = spawn(process.execPath, [BIN, '--api', api.url, ...args], { env: { ...process.env, PITRIX_TOKEN: api.adminToken } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
      if (input !== undefined) child.stdin.end(input);
      else child.stdin.end();
    });
  const json = async <T>(args: string[]): Promise<T> => {
    const run = await pitrix(['--json', ...args]);
    if (run.code !== 0) throw new Error(`pitrix ${args.join(' ')}: ${run.stderr}`);
    return JSON.parse(run.stdout) as T;
  };
  return { pitrix, json };
}
