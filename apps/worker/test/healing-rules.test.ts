import { describe, expect, it } from 'vitest';
import { judgeMeltdown } from '../src/healing/meltdown.js';
import { outageOf, type NodeObservation } from '../src/healing/node-outages.js';

const LIMITS = { percent: 30, nodes: 10 };

describe('the meltdown brake', () => {
  it.each([
    ['one node down of two: a lone failure is healed, whatever the share', { total: 2, down: 1, recentlyHealed: 0 }, false],
    ['one of ten down', { total: 10, down: 1, recentlyHealed: 0 }, false],
    ['three of ten down: exactly 30% is not more than 30%', { total: 10, down: 3, recentlyHealed: 0 }, false],
    ['three of five down: 60%', { total: 5, down: 3, recentlyHealed: 0 }, true],
    ['two of a hundred down, ten healed lately: twelve is more than ten', { total: 100, down: 2, recentlyHealed: 10 }, true],
    ['nothing down after many heals', { total: 100, down: 0, recentlyHealed: 30 }, false],
  ])('%s', (_name, count, meltdown) => {
    expect(judgeMeltdown(count, LIMITS).meltdown).toBe(meltdown);
  });

  it('says which limit a meltdown crossed, and what ends it', () => {
    expect(judgeMeltdown({ total: 5, down: 3, recentlyHealed: 0 }, LIMITS).message).toBe(
      'meltdown: 3 of 5 running nodes down, more than 30%; no node is healed until fewer are down or an admin releases it',
    );
    expect(judgeMeltdown({ total: 100, down: 2, recentlyHealed: 10 }, LIMITS).message).toContain('12 nodes down or healed lately, more than 10');
  });
});

describe('when a node is down', () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
  const node = (state: string, reason: string, frontgateSeenAt: Date | null, healed = false, droneConnected = false): NodeObservation => ({
    node_id: 'cln-1',
    cluster_id: 'cl-1',
    runtime_id: 'rt-1',
    frontgate_id: 'fg-1',
    heal_enabled: true,
    heal_grace_seconds: 5,
    transition_status: '',
    state,
    reason,
    state_since: at(30),
    frontgate_seen_at: frontgateSeenAt,
    drone_connected: droneConnected,
    healed,
  });

  it('a silent node is down once its frontgate has reported since it went silent', () => {
    expect(outageOf(node('unknown', 'HeartbeatMissing', at(35)))).toEqual({ reason: 'HeartbeatMissing', since: at(30) });
  });

  it('a silent node whose frontgate has not reported since is not judged: the link may be cut', () => {
    expect(outageOf(node('unknown', 'HeartbeatMissing', at(25)))).toBeNull();
    expect(outageOf(node('unknown', 'HeartbeatMissing', null))).toBeNull();
  });

  it('a silent node whose drone its frontgate still lists as connected is not down: its heartbeats were lost on the way', () => {
    expect(outageOf(node('unknown', 'HeartbeatMissing', at(35), false, true))).toBeNull();
    // An unhealthy node reports through its connection: being connected does not make it up.
    expect(outageOf(node('unhealthy', 'HealthCheckFailing', at(35), false, true))).toEqual({ reason: 'StaysUnhealthy', since: at(30) });
  });

  it('an unhealthy node is down (its report came through); a healthy or pending one is not', () => {
    expect(outageOf(node('unhealthy', 'HealthCheckFailing', at(10)))).toEqual({ reason: 'StaysUnhealthy', since: at(30) });
    expect(outageOf(node('healthy', 'HeartbeatsReceived', at(35)))).toBeNull();
    expect(outageOf(node('unknown', 'HealthCheckPending', at(35)))).toBeNull();
  });

  it('a node healed for this outage is not down any more', () => {
    expect(outageOf(node('unknown', 'HeartbeatMissing', at(35), true))).toBeNull();
  });
});
