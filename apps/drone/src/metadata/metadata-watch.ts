import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { METADATA_BUCKET } from '@pitrix/agent-protocol';
import type { Logger } from '../log.js';

/** The bucket as the drone last saw it, and the highest revision in it. */
export interface MetadataSnapshot {
  readonly entries: ReadonlyMap<string, unknown>;
  readonly revision: number;
}

/**
 * Follows the network's metadata bucket and calls `onChange` with the whole bucket after each
 * change. The watcher is an ordered consumer: it resumes by itself after the drone or the leaf
 * server reconnects. If the bucket is not there yet (a frontgate still starting), it retries.
 */
export async function watchMetadata(nats: NatsConnection, log: Logger, onChange: (snapshot: MetadataSnapshot) => void): Promise<() => void> {
  const entries = new Map<string, unknown>();
  let revision = 0;
  let stopped = false;
  let stopWatcher = () => undefined as void;
  const run = async () => {
    while (!stopped) {
      try {
        const kv = await new Kvm(nats).open(METADATA_BUCKET);
        const watcher = await kv.watch({ key: 'clusters.>', resumeFromRevision: revision + 1 });
        stopWatcher = () => watcher.stop();
        for await (const entry of watcher) {
          if (entry.operation === 'PUT') entries.set(entry.key, entry.json<unknown>());
          else entries.delete(entry.key);
          revision = Math.max(revision, entry.revision);
          onChange({ entries, revision });
        }
      } catch (err) {
        if (!stopped) log.warn(`metadata watch interrupted, retrying: ${(err as Error).message}`);
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  };
  void run();
  return () => {
    stopped = true;
    stopWatcher();
  };
}
