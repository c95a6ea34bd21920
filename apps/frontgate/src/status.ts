import { timestampFromMs, timestampNow } from '@bufbuild/protobuf/wkt';
import type { NatsConnection } from '@nats-io/transport-node';
import { encodeMessage, frontgateSubjects, FrontgateStatusSchema } from '@pitrix/agent-protocol';
import { NETWORK_ACCOUNT } from './leaf-config.js';
import type { Logger } from './log.js';

/** What the status reporter reads its figures from. */
export interface StatusSources {
  readonly frontgateId: string;
  readonly version: string;
  readonly monitorUrl: string;
  readonly startedAt: number;
  readonly intervalMs: number;
  restarts(): number;
  /** The registered drones: public key → node id. */
  registeredDrones(): ReadonlyMap<string, string>;
}

async function monitor<T>(url: string): Promise<T | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok ? ((await response.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** The frontgate's status as of now, from its leaf server's monitoring endpoint. */
export async function collectStatus(sources: StatusSources): Promise<Uint8Array> {
  const [varz, leafz, connz] = await Promise.all([
    monitor<{ version?: string }>(`${sources.monitorUrl}/varz`),
    monitor<{ leafs?: unknown[] }>(`${sources.monitorUrl}/leafz`),
    monitor<{ connections?: Array<{ authorized_user?: string }> }>(`${sources.monitorUrl}/connz?acc=${NETWORK_ACCOUNT}&auth=true&limit=100000`),
  ]);
  const registered = sources.registeredDrones();
  const connected = new Set<string>();
  for (const connection of connz?.connections ?? []) {
    const nodeId = connection.authorized_user === undefined ? undefined : registered.get(connection.authorized_user);
    if (nodeId !== undefined) connected.add(nodeId);
  }
  return encodeMessage(FrontgateStatusSchema, {
    frontgateId: sources.frontgateId,
    frontgateVersion: sources.version,
    natsServerVersion: varz?.version ?? '',
    leafConnected: (leafz?.leafs?.length ?? 0) > 0,
    connectedDrones: connected.size,
    connectedNodeIds: [...connected].sort(),
    registeredDrones: registered.size,
    serverRestarts: sources.restarts(),
    intervalMs: sources.intervalMs,
    startedAt: timestampFromMs(sources.startedAt),
    sentAt: timestampNow(),
  });
}

/** Answers status pings and publishes the status every interval; returns a stop function. */
export function reportStatus(nats: NatsConnection, sources: StatusSources, log: Logger): () => void {
  const subjects = frontgateSubjects(sources.frontgateId);
  const ping = nats.subscribe(subjects.ping, {
    callback: (err, msg) => {
      if (err) return;
      void collectStatus(sources).then((status) => msg.respond(status));
    },
  });
  const publish = () =>
    void collectStatus(sources)
      .then((status) => nats.publish(subjects.status, status))
      .catch((err: unknown) => log.warn(`status not sent: ${(err as Error).message}`));
  publish();
  const timer = setInterval(publish, sources.intervalMs);
  return () => {
    clearInterval(timer);
    ping.unsubscribe();
  };
}
