import { describe, expect, it } from 'vitest';
import { deriveFrontgateHealth, deriveNodeHealth, type NodeObservations } from '../src/index.js';

const now = new Date('2026-01-01T00:01:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('node health is derived from what was seen', () => {
  it.each<[string, NodeObservations, string, string]>([
    ['nothing seen', { lastHeartbeatAt: null, heartbeatIntervalMs: null }, 'unknown', 'NeverSeen'],
    ['recent heartbeats, no health check', { lastHeartbeatAt: ago(5), heartbeatIntervalMs: 10_000 }, 'healthy', 'HeartbeatsReceived'],
    ['heartbeats silent for more than three intervals', { lastHeartbeatAt: ago(31), heartbeatIntervalMs: 10_000 }, 'unknown', 'HeartbeatMissing'],
    ['silent, even with a passing check before', { lastHeartbeatAt: ago(31), heartbeatIntervalMs: 10_000, check: { status: 'healthy', observedAt: ago(31), intervalMs: 10_000 } }, 'unknown', 'HeartbeatMissing'],
    ['a failing check', { lastHeartbeatAt: ago(1), heartbeatIntervalMs: 10_000, check: { status: 'unhealthy', observedAt: ago(2), intervalMs: 10_000 } }, 'unhealthy', 'HealthCheckFailing'],
    ['a passing check', { lastHeartbeatAt: ago(1), heartbeatIntervalMs: 10_000, check: { status: 'healthy', observedAt: ago(2), intervalMs: 10_000 } }, 'healthy', 'HealthCheckPassing'],
    ['a check that has not decided', { lastHeartbeatAt: ago(1), heartbeatIntervalMs: 10_000, check: { status: 'unknown', observedAt: ago(2), intervalMs: 10_000 } }, 'unknown', 'HealthCheckPending'],
    ['a check that stopped reporting', { lastHeartbeatAt: ago(1), heartbeatIntervalMs: 10_000, check: { status: 'unhealthy', observedAt: ago(40), intervalMs: 10_000 } }, 'healthy', 'HeartbeatsReceived'],
  ])('%s', (_name, seen, state, reason) => {
    expect(deriveNodeHealth(seen, now)).toMatchObject({ state, reason });
  });

  it('is observed at the latest observation, and its message carries no time', () => {
    const derived = deriveNodeHealth({ lastHeartbeatAt: ago(3), heartbeatIntervalMs: 10_000, check: { status: 'healthy', observedAt: ago(1), intervalMs: 10_000 } }, now);
    expect(derived.observedAt).toEqual(ago(1));
    const missing = deriveNodeHealth({ lastHeartbeatAt: ago(100), heartbeatIntervalMs: 10_000 }, now);
    expect(missing.observedAt).toEqual(ago(100));
    expect(missing.message).not.toMatch(/\d{2}:\d{2}|\d{4}-/);
  });
});

describe('frontgate health is derived from its status reports', () => {
  it.each([
    ['never reported', null, 'unknown', 'NeverSeen'],
    ['reported recently', ago(2), 'healthy', 'StatusReceived'],
    ['silent for three intervals', ago(31), 'unknown', 'StatusMissing'],
  ])('%s', (_name, lastStatusAt, state, reason) => {
    expect(deriveFrontgateHealth({ lastStatusAt, statusIntervalMs: 10_000 }, now)).toMatchObject({ state, reason });
  });
});
