import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { AGENTS_BUCKET, METADATA_BUCKET, type DroneRegistration } from '@pitrix/agent-protocol';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Logger } from './log.js';

/** Reads the registrations saved by the last run, so drones are admitted from the first second. */
export function loadCachedDrones(file: string): DroneRegistration[] {
  if (!existsSync(file)) return [];
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DroneRegistration[];
  } catch {
    return [];
  }
}

/** Creates the network's buckets in the frontgate's JetStream domain when they are missing. */
export async function ensureBuckets(nats: NatsConnection): Promise<void> {
  const kvm = new Kvm(nats);
  await kvm.create(METADATA_BUCKET, { history: 1 });
  await kvm.create(AGENTS_BUCKET, { history: 1 });
}

/**
 * Follows the drones registered with this frontgate (the agents bucket, written by the platform)
 * and calls `onChange` with the whole set after each burst of changes, saving it to `cacheFile`.
 */
export async function watchDrones(options: {
  nats: NatsConnection;
  cacheFile: string;
  log: Logger;
  onChange: (drones: DroneRegistration[]) => void;
}): Promise<() => void> {
  const kv = await new Kvm(options.nats).open(AGENTS_BUCKET);
  const watcher = await kv.watch({ key: 'drones.>' });
  const drones = new Map<string, DroneRegistration>();
  let timer: NodeJS.Timeout | undefined;
  const publish = () => {
    const list = [...drones.values()].sort((a, b) => a.nodeId.localeCompare(b.nodeId));
    writeFileSync(`${options.cacheFile}.tmp`, JSON.stringify(list), { mode: 0o600 });
    renameSync(`${options.cacheFile}.tmp`, options.cacheFile);
    options.onChange(list);
  };
  void (async () => {
    for await (const entry of watcher) {
      if (entry.operation === 'PUT') drones.set(entry.key, entry.json<DroneRegistration>());
      else drones.delete(entry.key);
      clearTimeout(timer);
      timer = setTimeout(publish, 250);
    }
  })().catch((err: unknown) => options.log.error(`drone registry watch ended: ${(err as Error).message}`));
  return () => {
    clearTimeout(timer);
    watcher.stop();
  };
}
