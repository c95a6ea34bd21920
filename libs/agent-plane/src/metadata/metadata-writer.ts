import type { KV } from '@nats-io/kv';
import { METADATA_BUCKET, metadataKeys } from '@pitrix/agent-protocol';
import { withFrontgateBucket } from '../credentials/frontgate-buckets.js';
import type { FrontgateConnections } from '../credentials/frontgate-connections.js';
import { planPatch, type MetadataPatch } from './metadata-patch.js';

/** The bucket revision after a write: pass it to commands that must see the write (`metadataRevision`). */
export interface MetadataWriteResult {
  readonly revision: number;
}

/**
 * Writes clusters' metadata into their network's bucket, in the frontgate's JetStream domain,
 * across the leaf connection. Drones watch the bucket and re-render at once.
 */
export class MetadataWriter {
  constructor(private readonly connections: FrontgateConnections) {}

  /** Applies `patch` to cluster `clusterId`'s metadata; `AGENT.FRONTGATE_UNREACHABLE` when the frontgate is down. */
  async write(frontgateId: string, clusterId: string, patch: MetadataPatch): Promise<MetadataWriteResult> {
    const plan = planPatch(clusterId, patch);
    return withFrontgateBucket(this.connections, frontgateId, METADATA_BUCKET, async (kv) => {
      const written = new Set<string>();
      for (const [key, value] of plan.puts) {
        await kv.put(key, JSON.stringify(value));
        written.add(key);
      }
      const stale = await listKeys(kv, plan.replaced);
      for (const key of [...plan.deletes, ...stale.filter((key) => !written.has(key))]) await kv.delete(key);
      return { revision: await lastRevision(kv) };
    });
  }

  /** Removes every key of cluster `clusterId` (its drones see an empty view). */
  async deleteCluster(frontgateId: string, clusterId: string): Promise<MetadataWriteResult> {
    return withFrontgateBucket(this.connections, frontgateId, METADATA_BUCKET, async (kv) => {
      for (const key of await listKeys(kv, [metadataKeys(clusterId).prefix])) await kv.purge(key);
      return { revision: await lastRevision(kv) };
    });
  }
}

async function listKeys(kv: KV, filters: readonly string[]): Promise<string[]> {
  const keys: string[] = [];
  for (const filter of filters) for await (const key of await kv.keys(filter)) keys.push(key);
  return keys;
}

async function lastRevision(kv: KV): Promise<number> {
  return (await kv.status()).streamInfo.state.last_seq;
}
