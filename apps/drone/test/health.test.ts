import { startAgentMonitor, type AgentMonitor } from '@pitrix/agent-plane';
import { agentsSchema, systemSchema } from '@pitrix/db';
import { createTestDatabase, type TestDatabase } from '@pitrix/testing';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentNetwork, type AgentNetwork } from './support/agent-network.js';

/** Polls `read` until its state and reason are the expected ones and returns it; fails after 15 s showing the last value. */
async function becomes<T extends { state: string; reason: string }>(read: () => Promise<T | undefined>, state: string, reason: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (last?.state === state && last.reason === reason) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${state}/${reason}, last saw ${JSON.stringify(last)}`);
}

describe('node and frontgate health, derived from heartbeats, health checks and status reports', () => {
  let net: AgentNetwork;
  let db: TestDatabase;
  let monitor: AgentMonitor;
  const monitorErrors: string[] = [];
  const node = () => monitor.projection.nodeHealth(['cln-h1']).then((rows) => rows[0]);
  const frontgate = () => monitor.projection.frontgateHealth(['fg-a']).then((rows) => rows[0]);

  beforeAll(async () => {
    [net, db] = await Promise.all([startAgentNetwork(), createTestDatabase('agent_health', [systemSchema, agentsSchema])]);
    await net.addFrontgate('fg-a');
    await net.addDrone('fg-a', { nodeId: 'cln-h1', role: 'web' });
    monitor = await startAgentMonitor({ registry: net.plane.registry, connections: net.plane.connections, dataSource: db.dataSource, sweepIntervalMs: 200, onError: (message) => monitorErrors.push(message) });
  });
  afterAll(async () => {
    await monitor?.stop();
    await net?.close();
    await db?.drop();
  });

  it('a node whose drone sends heartbeats is healthy, and so is a frontgate that reports', async () => {
    expect(await becomes(node, 'healthy', 'HeartbeatsReceived')).toMatchObject({ clusterId: 'cl-1', frontgateId: 'fg-a' });
    const fg = await becomes(frontgate, 'healthy', 'StatusReceived');
    expect(Date.now() - (fg.observedAt?.getTime() ?? 0)).toBeLessThan(5_000);
  });

  it('follows a frontgate issued while it runs without a single error: the hub knows its account before the registry shows it', async () => {
    await net.addFrontgate('fg-b');
    await becomes(() => monitor.projection.frontgateHealth(['fg-b']).then((rows) => rows[0]), 'healthy', 'StatusReceived');
    expect(monitorErrors).toEqual([]);
  });

  it('the health check decides once it reports: failing turns the node unhealthy and runs the action once, passing turns it healthy', async () => {
    const dataDir = net.drone('cln-h1').dataDir;
    await net.plane.metadata.write('fg-a', 'cl-1', {
      roles: {
        web: {
          healthCheck: {
            checkCmd: 'test -f "$PITRIX_DATA_DIR/ok"',
            intervalSeconds: 1,
            timeoutSeconds: 2,
            healthyThreshold: 1,
            unhealthyThreshold: 2,
            actionCmd: 'echo "$PITRIX_SERVICE" >> "$PITRIX_DATA_DIR/actions"',
          },
        },
      },
    });
    expect((await becomes(node, 'unhealthy', 'HealthCheckFailing')).message).toBe("The package's health check is failing.");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(readFileSync(join(dataDir, 'actions'), 'utf8')).toBe('health_check\n');
    writeFileSync(join(dataDir, 'ok'), '');
    expect((await becomes(node, 'healthy', 'HealthCheckPassing')).message).toBe("The package's health check passes.");
    await net.plane.metadata.write('fg-a', 'cl-1', { roles: { web: { healthCheck: null } } });
    expect(existsSync(join(dataDir, 'actions'))).toBe(true);
  });

  it('paused health checks neither check nor act, and resume with a check at once', async () => {
    const dataDir = net.drone('cln-h1').dataDir;
    const checks = () => (existsSync(join(dataDir, 'checks')) ? readFileSync(join(dataDir, 'checks'), 'utf8').split('\n').length - 1 : 0);
    await net.plane.metadata.write('fg-a', 'cl-1', {
      healthChecks: { paused: true, reason: 'job j-1 is running' },
      roles: {
        web: {
          healthCheck: {
            checkCmd: 'echo check >> "$PITRIX_DATA_DIR/checks"; false',
            intervalSeconds: 1,
            timeoutSeconds: 2,
            healthyThreshold: 1,
            unhealthyThreshold: 1,
            actionCmd: 'echo "$PITRIX_SERVICE" >> "$PITRIX_DATA_DIR/paused-actions"',
          },
        },
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(checks()).toBe(0);
    expect(existsSync(join(dataDir, 'paused-actions'))).toBe(false);
    await net.plane.metadata.write('fg-a', 'cl-1', { healthChecks: { paused: false, reason: '' } });
    await expect.poll(checks, { timeout: 5_000 }).toBeGreaterThan(0);
    await expect.poll(() => existsSync(join(dataDir, 'paused-actions')), { timeout: 5_000 }).toBe(true);
    await net.plane.metadata.write('fg-a', 'cl-1', { roles: { web: { healthCheck: null } } });
  });

  it('a node whose drone stops is not assumed healthy: after three silent intervals it is unknown, observed at its last heartbeat', async () => {
    const before = await node();
    await net.drone('cln-h1').kill();
    const after = await becomes(node, 'unknown', 'HeartbeatMissing');
    expect(after.message).toBe('No heartbeat for 3 intervals: the drone or its network is unreachable.');
    expect(after.observedAt!.getTime()).toBeGreaterThanOrEqual(before!.observedAt!.getTime());
    expect(Date.now() - after.observedAt!.getTime()).toBeGreaterThan(1_000);
    const stored = () => db.dataSource.query(`SELECT state, reason FROM agents.node_health WHERE node_id = 'cln-h1'`).then((rows: Array<{ state: string; reason: string }>) => rows[0]);
    expect(await becomes(stored, 'unknown', 'HeartbeatMissing')).toEqual({ state: 'unknown', reason: 'HeartbeatMissing' });
  });

  it("a frontgate whose leaf link is cut becomes unknown, and healthy again when it reports", async () => {
    net.links.get('fg-a')!.cut();
    const cutAt = Date.now();
    expect((await becomes(frontgate, 'unknown', 'StatusMissing')).observedAt!.getTime()).toBeLessThanOrEqual(cutAt);
    net.links.get('fg-a')!.restore();
    expect((await becomes(frontgate, 'healthy', 'StatusReceived')).observedAt!.getTime()).toBeGreaterThan(cutAt);
  });
});
