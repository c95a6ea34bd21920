import type { NatsConnection } from '@nats-io/transport-node';

/** Why a request got no answer: nobody subscribed ("no responders") or nobody answered in time. */
export type Silence = 'no-responders' | 'timeout' | 'closed';

/** The reply's bytes, or why there was none. Other failures are thrown. */
export type RequestOutcome = { readonly data: Uint8Array } | { readonly silence: Silence };

/**
 * Sends one request and classifies silence, which the callers turn into "unreachable" after their
 * own grace period: a drone restarting or a leaf link reconnecting is silent for a moment.
 */
export async function request(nats: NatsConnection, subject: string, payload: Uint8Array, timeoutMs: number): Promise<RequestOutcome> {
  try {
    const reply = await nats.request(subject, payload, { timeout: timeoutMs });
    return { data: reply.data };
  } catch (err) {
    const silence = classify(err);
    if (silence) return { silence };
    throw err;
  }
}

function classify(err: unknown): Silence | undefined {
  const error = err as { name?: string; isNoResponders?: () => boolean; cause?: unknown; message?: string };
  if (typeof error.isNoResponders === 'function' && error.isNoResponders()) return 'no-responders';
  if (error.name === 'TimeoutError' || (error.cause as { name?: string } | undefined)?.name === 'TimeoutError') return 'timeout';
  if (error.name === 'ClosedConnectionError' || /closed|draining/i.test(error.message ?? '')) return 'closed';
  return undefined;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
