import { jetstream } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { jetStreamDomain } from '@pitrix/agent-protocol';
import { isPitrixError, PitrixError } from '@pitrix/errors';
import type { FrontgateConnections } from './frontgate-connections.js';

/** Attempts of a bucket operation whose answer got lost (a leaf server reloading its users can drop one). */
const ATTEMPTS = 3;

/**
 * Runs `use` on bucket `bucket` of frontgate `frontgateId`'s JetStream domain, reached across its
 * leaf connection; `use` must be idempotent, as an operation that timed out is tried again. When
 * the frontgate (or its leaf link) is down, JetStream answers "no responders" or nothing at all;
 * both become the retryable `AGENT.FRONTGATE_UNREACHABLE`.
 */
export async function withFrontgateBucket<T>(
  connections: FrontgateConnections,
  frontgateId: string,
  bucket: string,
  use: (kv: KV) => Promise<T>,
): Promise<T> {
  const nats = await connections.get(frontgateId);
  for (let attempt = 1; ; attempt++) {
    try {
      const kv = await new Kvm(jetstream(nats, { domain: jetStreamDomain(frontgateId), timeout: 5_000 })).open(bucket);
      return await use(kv);
    } catch (err) {
      if (isPitrixError(err)) throw err;
      if (attempt < ATTEMPTS && isTimeout(err)) continue;
      throw new PitrixError('AGENT.FRONTGATE_UNREACHABLE', `frontgate ${frontgateId} did not answer for its ${bucket} bucket: ${describe(err)}`, [], { cause: err });
    }
  }
}

function isTimeout(err: unknown): boolean {
  const names = [(err as { name?: string }).name, ((err as { cause?: { name?: string } }).cause ?? {}).name];
  return names.includes('TimeoutError') || /timeout/i.test((err as Error).message ?? '');
}

function describe(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  const message = err instanceof Error ? err.message : String(err);
  return cause instanceof Error ? `${message} (${cause.message})` : message;
}
