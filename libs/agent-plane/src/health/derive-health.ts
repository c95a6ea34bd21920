/** A health state shown to users. */
export type HealthState = 'healthy' | 'unhealthy' | 'unknown';

/** Derived health: the state, a stable machine reason, a human message and when it was last observed. */
export interface DerivedHealth {
  readonly state: HealthState;
  readonly reason: string;
  readonly message: string;
  readonly observedAt: Date | null;
}

/** What the platform has seen of a node. */
export interface NodeObservations {
  readonly lastHeartbeatAt: Date | null;
  readonly heartbeatIntervalMs: number | null;
  readonly check?: {
    readonly status: HealthState;
    readonly observedAt: Date;
    readonly intervalMs: number;
  } | null;
}

/** How many intervals without a report make a node or frontgate `unknown`. */
export const MISSED_INTERVALS = 3;

function latest(...times: Array<Date | null | undefined>): Date | null {
  const present = times.filter((t): t is Date => t instanceof Date);
  return present.length === 0 ? null : new Date(Math.max(...present.map((t) => t.getTime())));
}

function stale(at: Date | null | undefined, intervalMs: number | null | undefined, now: Date): boolean {
  return !at || now.getTime() - at.getTime() > MISSED_INTERVALS * Math.max(intervalMs ?? 0, 1_000);
}

/**
 * Derives a node's health from what was seen (pure). Heartbeats say whether its drone is there;
 * the package's health check, while it reports, says whether the application is well. Nothing
 * seen for three intervals is `unknown`, never assumed healthy.
 */
export function deriveNodeHealth(seen: NodeObservations, now: Date): DerivedHealth {
  const observedAt = latest(seen.lastHeartbeatAt, seen.check?.observedAt);
  const at = (state: HealthState, reason: string, message: string): DerivedHealth => ({ state, reason, message, observedAt });
  if (!seen.lastHeartbeatAt) return at('unknown', 'NeverSeen', "No heartbeat has been received from this node's drone.");
  if (stale(seen.lastHeartbeatAt, seen.heartbeatIntervalMs, now)) {
    return at('unknown', 'HeartbeatMissing', `No heartbeat for ${MISSED_INTERVALS} intervals: the drone or its network is unreachable.`);
  }
  const check = seen.check && !stale(seen.check.observedAt, seen.check.intervalMs, now) ? seen.check : undefined;
  if (!check) return at('healthy', 'HeartbeatsReceived', 'The drone sends heartbeats; no health check is reporting.');
  if (check.status === 'unhealthy') return at('unhealthy', 'HealthCheckFailing', "The package's health check is failing.");
  if (check.status === 'healthy') return at('healthy', 'HealthCheckPassing', "The package's health check passes.");
  return at('unknown', 'HealthCheckPending', "The package's health check has not passed or failed enough times yet.");
}

/** What the platform has seen of a frontgate. */
export interface FrontgateObservations {
  readonly lastStatusAt: Date | null;
  readonly statusIntervalMs: number | null;
}

/** Derives a frontgate's health from its status reports (pure); silence for three intervals is `unknown`. */
export function deriveFrontgateHealth(seen: FrontgateObservations, now: Date): DerivedHealth {
  const observedAt = seen.lastStatusAt;
  if (!observedAt) return { state: 'unknown', reason: 'NeverSeen', message: 'No status has been received from this frontgate.', observedAt };
  if (stale(observedAt, seen.statusIntervalMs, now)) {
    return { state: 'unknown', reason: 'StatusMissing', message: `No status for ${MISSED_INTERVALS} intervals: the frontgate or its leaf connection is down.`, observedAt };
  }
  return { state: 'healthy', reason: 'StatusReceived', message: 'The frontgate reports through its leaf connection.', observedAt };
}
