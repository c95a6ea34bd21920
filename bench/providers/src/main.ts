// bench/providers: start and terminate N local instances through the provider contract.
// Prints instances/s for start and terminate, and the peak resident memory per instance.
import { LocalProvider } from '@pitrix/provider-local';
import { standInAgentEntry } from '@pitrix/testing/servers';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const COUNT = Number(process.env.BENCH_INSTANCES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

function rssKiB(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Number(line?.replace(/\D+/g, '') ?? 0);
  } catch {
    return 0;
  }
}

async function inBatches<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'pitrix-bench-providers-'));
  const entry = standInAgentEntry();
  const provider = new LocalProvider({ root, agentEntries: { drone: entry, frontgate: entry }, binPaths: [], nodeExecutable: process.execPath });
  const quota = { instances: COUNT, cpu: COUNT, memoryMiB: COUNT * 128, volumes: 0, volumeGiB: 0 };
  const session = await provider.connect({ runtimeId: 'rt-bench', credential: undefined, zone: 'local', options: { quota } });
  const { networkId } = await session.placeCluster({});
  const tokens = Array.from({ length: COUNT }, (_, i) => `bench-${i}`);
  const ids: string[] = [];
  const startedAt = performance.now();
  await inBatches(tokens, async (clientToken) => {
    const { instance } = await session.runInstance({ clientToken, name: clientToken, cpu: 1, memoryMiB: 128, networkId, agent: { kind: 'drone', env: {} } });
    ids.push(instance.id);
  });
  const startSeconds = (performance.now() - startedAt) / 1000;
  await new Promise((r) => setTimeout(r, 1500));
  const pids = ids.map((id) => (JSON.parse(readFileSync(join(root, 'instances', id, 'instance.json'), 'utf8')) as { process?: { pid: number } }).process?.pid ?? 0);
  const totalRss = pids.reduce((sum, pid) => sum + rssKiB(pid), 0);
  const terminateAt = performance.now();
  await inBatches(ids, async (id) => {
    await session.terminateInstance(id);
  });
  const terminateSeconds = (performance.now() - terminateAt) / 1000;
  rmSync(root, { recursive: true, force: true });
  console.log(`instances: ${COUNT}`);
  console.log('agent: stand-in node process (tests the provider, not the drone)');
  console.log(`start_seconds: ${startSeconds.toFixed(2)}`);
  console.log(`start_instances_per_s: ${(COUNT / startSeconds).toFixed(1)}`);
  console.log(`terminate_seconds: ${terminateSeconds.toFixed(2)}`);
  console.log(`terminate_instances_per_s: ${(COUNT / terminateSeconds).toFixed(1)}`);
  console.log(`peak_rss_per_instance_mib: ${(totalRss / COUNT / 1024).toFixed(1)}`);
  console.log(`peak_rss_total_mib: ${(totalRss / 1024).toFixed(0)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
