import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Kills every process the local provider started under `localRoot` (agents run detached, so
 * they outlive the test that started them unless someone stops them).
 */
export function killLocalInstances(localRoot: string): number {
  const dir = join(localRoot, 'instances');
  let killed = 0;
  for (const id of existsSync(dir) ? readdirSync(dir) : []) {
    try {
      const record = JSON.parse(readFileSync(join(dir, id, 'instance.json'), 'utf8')) as { process?: { pid: number } };
      if (record.process?.pid) {
        process.kill(-record.process.pid, 'SIGKILL');
        killed++;
      }
    } catch {
      // Gone already, or never started.
    }
  }
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
