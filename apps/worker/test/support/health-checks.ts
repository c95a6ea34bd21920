import { startAgentMonitor, type AgentMonitor } from '@pitrix/agent-plane';
import { expect } from 'vitest';
import type { WorkerHarness } from './worker-harness.js';

/** The last health check a node reported, as the agent monitor recorded it. */
interface ReportedCheck {
  readonly nodeId: string;
  readonly exitCode: number | null;
  readonly observedAt: Date | null;
}

/** Records what the drones of a harness report, as the worker process does. */
export async function monitorAgents(harness: WorkerHarness): Promise<AgentMonitor> {
  return startAgentMonitor({ registry: harness.agents.registry, connections: harness.agents.connections, dataSource: harness.db.dataSource, sweepIntervalMs: 500 });
}

async function reportedChecks(harness: WorkerHarness, nodeIds: readonly string[]): Promise<ReportedCheck[]> {
  const rows = (await harness.db.dataSource.query(`SELECT node_id, check_exit_code, check_observed_at FROM agents.node_health WHERE node_id = ANY($1)`, [nodeIds])) as Array<{
    node_id: string;
    check_exit_code: number | null;
    check_observed_at: Date | null;
  }>;
  return rows.map((row) => ({ nodeId: row.node_id, exitCode: row.check_exit_code, observedAt: row.check_observed_at }));
}

/**
 * Waits until every node reported a health check run after `since` and every one of those checks
 * passed (exit code 0): the package's own check script says the service works. Drones check as
 * soon as a job resumes the checks; a node still settling fails that first check and passes the
 * next, one interval later, so the wait covers an interval (the examples check every 10 s).
 */
export async function expectHealthChecksPass(harness: WorkerHarness, nodeIds: readonly string[], since: Date, timeoutMs = 100_000): Promise<void> {
  const passedSince = async () => {
    const checks = await reportedChecks(harness, nodeIds);
    return checks.filter((check) => check.exitCode === 0 && check.observedAt !== null && check.observedAt >= since).map((check) => check.nodeId).sort();
  };
  await expect.poll(passedSince, { timeout: timeoutMs, interval: 500 }).toEqual([...nodeIds].sort());
}
