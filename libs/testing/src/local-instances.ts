import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Kills every process the local provider started under `localRoot` (agents run detached, so
 * they outlive the test that started them unless someone stops them), and removes the network
 * namespaces and bridges it made for them (machine-wide objects a deleted folder would leave).
 */
export function killLocalInstances(localRoot: string): number {
  const dir = join(localRoot, 'instances');
  let killed = 0;
  for (const id of existsSync(dir) ? readdirSync(dir) : []) {
    try {
      const record = JSON.parse(readFileSync(join(dir, id, 'instance.json'), 'utf8')) as { process?: { pid: number }; namespace?: string };
      if (record.process?.pid) {
        process.kill(-record.process.pid, 'SIGKILL');
        killed++;
      }
      if (record.namespace) quietly('ip', ['netns', 'del', record.namespace]);
    } catch {
      // Gone already, or never started.
    }
  }
  const bridges = join(localRoot, 'bridge-indexes');
  for (const index of existsSync(bridges) ? readdirSync(bridges) : []) quietly('ip', ['link', 'del', `pxb${index}`]);
  try {
    // Simulated drones all live in one simulator process per root.
    const host = JSON.parse(readFileSync(join(localRoot, 'simulator', 'host.json'), 'utf8')) as { pid: number };
    process.kill(-host.pid, 'SIGKILL');
    killed++;
  } catch {
    // No simulator ran here.
  }
  return killed;
}

function quietly(command: string, args: string[]): void {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
  } catch {
    // Already gone, or never made (not root).
  }
}
