import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Kills every process the local provider started under `localRoot` (agents run detached, so
 * they outlive the test that started them unless someone stops them).
 */
export function killLocalInstances(localRoot: string): number {
  const dir = join(localRoot, 'instances');
  if (!existsSync(dir)) return 0;
  let killed = 0;
  for (const id of readdirSync(dir)) {
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
  return killed;
}
