import { timestampNow } from '@bufbuild/protobuf/wkt';
import { encodeMessage, MonitorReportSchema, type MonitorSpec } from '@pitrix/agent-protocol';
import { resolveUser } from '../commands/users.js';
import { commandEnvironment, type NodeIdentity } from '../identity.js';
import type { Logger } from '../log.js';
import { runProbe } from '../probe.js';
import { parseMonitorOutput, type MonitorValue } from './monitor-output.js';

/**
 * Runs the role's monitor command every interval and publishes the declared items it printed as
 * a `MonitorReport`. A run that fails, times out or prints nothing usable publishes nothing (a
 * gap in the series, not a zero) and is logged once per distinct problem in a row. A changed
 * spec restarts collection; no spec means no collection.
 */
export class MonitorCollector {
  private spec?: MonitorSpec;
  private specJson = '';
  private timer?: NodeJS.Timeout;
  private lastProblem = '';

  constructor(
    private readonly identity: NodeIdentity,
    private readonly path: string,
    private readonly log: Logger,
    private readonly publish: (report: Uint8Array) => void,
  ) {}

  /** Applies the role's current monitor spec (undefined: none). */
  configure(spec: MonitorSpec | undefined): void {
    const json = JSON.stringify(spec ?? null);
    if (json === this.specJson) return;
    this.specJson = json;
    this.spec = spec;
    this.lastProblem = '';
    clearTimeout(this.timer);
    if (spec) this.schedule(0);
  }

  /** Stops collecting. */
  stop(): void {
    clearTimeout(this.timer);
    this.spec = undefined;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => void this.collect(), delayMs);
  }

  private async collect(): Promise<void> {
    const spec = this.spec;
    if (!spec) return;
    const values = await this.run(spec);
    if (spec !== this.spec) return;
    if (values.length > 0) {
      this.publish(
        encodeMessage(MonitorReportSchema, {
          frontgateId: this.identity.frontgateId,
          clusterId: this.identity.clusterId,
          nodeId: this.identity.nodeId,
          role: this.identity.role,
          samples: values.map((value) => ({ item: value.item, value: 'number' in value ? { case: 'number' as const, value: value.number } : { case: 'text' as const, value: value.text } })),
          collectedAt: timestampNow(),
        }),
      );
    }
    this.schedule(spec.intervalSeconds * 1000);
  }

  /** Runs the command and returns the kept values, logging what went wrong. */
  private async run(spec: MonitorSpec): Promise<readonly MonitorValue[]> {
    let user;
    try {
      user = resolveUser(spec.user ?? '');
    } catch (err) {
      this.warnOnce([(err as Error).message]);
      return [];
    }
    const env = commandEnvironment(this.identity, user, { env: {}, service: 'monitor', serviceParamsJson: '{}' }, this.path);
    const result = await runProbe(spec.cmd, { env, cwd: this.identity.dataDir, user, timeoutMs: Math.max(1, spec.timeoutSeconds) * 1000 });
    if (result.timedOut || result.exitCode !== 0) {
      this.warnOnce([`the monitor command ${result.timedOut ? `timed out after ${spec.timeoutSeconds} s` : `failed with exit code ${result.exitCode}`}: ${result.output.trim().slice(-200)}`]);
      return [];
    }
    const parsed = parseMonitorOutput(result.stdout, spec.items);
    this.warnOnce(parsed.problems);
    return parsed.samples;
  }

  /** Logs problems unless they are the same as the last run's, so a broken command does not flood the log. */
  private warnOnce(problems: readonly string[]): void {
    const joined = problems.join('; ');
    if (joined !== '' && joined !== this.lastProblem) this.log.warn(joined);
    this.lastProblem = joined;
  }
}
