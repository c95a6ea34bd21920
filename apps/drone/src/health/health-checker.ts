import { timestampNow } from '@bufbuild/protobuf/wkt';
import { encodeMessage, HealthReportSchema, HealthStatus, type HealthCheckSpec } from '@pitrix/agent-protocol';
import { resolveUser } from '../commands/users.js';
import { commandEnvironment, type NodeIdentity } from '../identity.js';
import type { Logger } from '../log.js';
import { runProbe, type ProbeResult } from '../probe.js';
import { INITIAL_HEALTH, nextHealth, type HealthState } from './health-state.js';

/**
 * Runs the role's health check every interval and publishes a report after each check. When the
 * node turns unhealthy it runs the action command once (until it is healthy again). A changed
 * spec restarts the checks from an unknown status; no spec means no checks.
 */
export class HealthChecker {
  private spec?: HealthCheckSpec;
  private specJson = '';
  private timer?: NodeJS.Timeout;
  private state: HealthState = INITIAL_HEALTH;

  constructor(
    private readonly identity: NodeIdentity,
    private readonly path: string,
    private readonly log: Logger,
    private readonly publish: (report: Uint8Array) => void,
  ) {}

  /** Applies the role's current health check spec (undefined: none). */
  configure(spec: HealthCheckSpec | undefined): void {
    const json = JSON.stringify(spec ?? null);
    if (json === this.specJson) return;
    this.specJson = json;
    this.spec = spec;
    this.state = INITIAL_HEALTH;
    clearTimeout(this.timer);
    if (spec) this.schedule(0);
  }

  /** Stops checking. */
  stop(): void {
    clearTimeout(this.timer);
    this.spec = undefined;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => void this.check(), delayMs);
  }

  private async check(): Promise<void> {
    const spec = this.spec;
    if (!spec) return;
    const result = await this.run(spec.checkCmd, spec.timeoutSeconds, spec.user);
    if (spec !== this.spec) return;
    const before = this.state.status;
    this.state = nextHealth(this.state, result.exitCode === 0, spec);
    let actionExitCode = -1;
    if (this.state.status === HealthStatus.UNHEALTHY && before !== HealthStatus.UNHEALTHY && spec.actionCmd) {
      this.log.warn(`health check failing; running its action`);
      actionExitCode = (await this.run(spec.actionCmd, spec.actionTimeoutSeconds ?? spec.timeoutSeconds, spec.user)).exitCode;
    }
    this.publish(
      encodeMessage(HealthReportSchema, {
        frontgateId: this.identity.frontgateId,
        clusterId: this.identity.clusterId,
        nodeId: this.identity.nodeId,
        status: this.state.status,
        consecutiveSuccesses: this.state.successes,
        consecutiveFailures: this.state.failures,
        lastExitCode: result.exitCode,
        lastTimedOut: result.timedOut,
        actionExitCode,
        intervalMs: spec.intervalSeconds * 1000,
        checkedAt: timestampNow(),
      }),
    );
    this.schedule(spec.intervalSeconds * 1000);
  }

  private async run(cmd: string, timeoutSeconds: number, userName = ''): Promise<ProbeResult> {
    let user;
    try {
      user = resolveUser(userName);
    } catch (err) {
      return { exitCode: 127, timedOut: false, output: (err as Error).message, stdout: '' };
    }
    const env = commandEnvironment(this.identity, user, { env: {}, service: 'health_check', serviceParamsJson: '{}' }, this.path);
    return runProbe(cmd, { env, cwd: this.identity.dataDir, user, timeoutMs: Math.max(1, timeoutSeconds) * 1000 });
  }
}
