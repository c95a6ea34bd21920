import { HealthStatus, type HealthCheckSpec } from '@pitrix/agent-protocol';

/** Counters of consecutive check outcomes and the status they add up to. */
export interface HealthState {
  readonly status: HealthStatus;
  readonly successes: number;
  readonly failures: number;
}

/** The state before any check: unknown. */
export const INITIAL_HEALTH: HealthState = { status: HealthStatus.UNKNOWN, successes: 0, failures: 0 };

/**
 * The next state after one check (pure): `healthyThreshold` successes in a row make the node
 * healthy, `unhealthyThreshold` failures in a row make it unhealthy; otherwise it keeps its status.
 */
export function nextHealth(state: HealthState, passed: boolean, spec: Pick<HealthCheckSpec, 'healthyThreshold' | 'unhealthyThreshold'>): HealthState {
  const successes = passed ? state.successes + 1 : 0;
  const failures = passed ? 0 : state.failures + 1;
  let status = state.status;
  if (passed && successes >= Math.max(1, spec.healthyThreshold)) status = HealthStatus.HEALTHY;
  if (!passed && failures >= Math.max(1, spec.unhealthyThreshold)) status = HealthStatus.UNHEALTHY;
  return { status, successes, failures };
}
