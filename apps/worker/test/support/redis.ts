import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs redis-cli against one server of a cluster under test. */
export async function redisCli(ip: string, port: number, password: string, ...args: string[]): Promise<string> {
  const auth = password ? ['--no-auth-warning', '-a', password] : [];
  const { stdout } = await run('redis-cli', ['-h', ip, '-p', String(port), ...auth, ...args]);
  return stdout.replace(/\r/g, '').trim();
}

/** `cluster info` as a map. */
export async function clusterInfo(ip: string, port: number, password: string): Promise<Record<string, string>> {
  const text = await redisCli(ip, port, password, 'cluster', 'info');
  return Object.fromEntries(text.split('\n').map((line) => line.split(':') as [string, string]));
}

/** Slots served by each master, from `cluster nodes` (address → slot count). */
export async function slotsPerMaster(ip: string, port: number, password: string): Promise<Record<string, number>> {
  const lines = (await redisCli(ip, port, password, 'cluster', 'nodes')).split('\n');
  const result: Record<string, number> = {};
  for (const line of lines) {
    const fields = line.split(' ');
    if (!fields[2]?.includes('master')) continue;
    const address = (fields[1] ?? '').split('@')[0] ?? '';
    result[address] = fields.slice(8).reduce((sum, range) => {
      if (range.startsWith('[')) return sum;
      const [from, to] = range.split('-').map(Number);
      return sum + ((to ?? from ?? 0) - (from ?? 0) + 1);
    }, 0);
  }
  return result;
}
