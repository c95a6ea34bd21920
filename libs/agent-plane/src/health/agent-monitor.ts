import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { decodeMessage, frontgateSubjects, FrontgateStatusSchema, HealthReportSchema, HeartbeatSchema, MonitorReportSchema } from '@pitrix/agent-protocol';
import type { DataSource } from 'typeorm';
import type { FrontgateConnections } from '../credentials/frontgate-connections.js';
import type { FrontgateRecord, FrontgateRegistry } from '../credentials/frontgate-registry.js';
import { MonitorSampleStore } from '../monitor/index.js';
import { HealthProjection } from './health-projection.js';

/** Queue group of the monitors: with several workers, each report is recorded by one of them. */
const MONITOR_QUEUE = 'pitrix-agent-monitor';

/** What the monitor needs. */
export interface AgentMonitorOptions {
  readonly registry: FrontgateRegistry;
  readonly connections: FrontgateConnections;
  readonly dataSource: DataSource;
  /** How often silent nodes and frontgates are derived again (default 5 s). */
  readonly sweepIntervalMs?: number;
  /** How long monitor samples are kept (`PITRIX_MONITOR_RETENTION_HOURS`, default 168). */
  readonly monitorRetentionHours?: number;
  /** How often samples past their retention are deleted (default every minute). */
  readonly retentionSweepMs?: number;
  readonly onError?: (message: string) => void;
}

/**
 * Follows every frontgate the platform issued and records the heartbeats, health reports and
 * frontgate statuses it receives in the health projection, and monitor reports as samples; a
 * sweep derives the health of silent nodes and frontgates again, which turns them `unknown`, and
 * another deletes samples past their retention. Runs in the worker process.
 */
export class AgentMonitor {
  /** The projection the monitor writes (and anyone may read). */
  readonly projection: HealthProjection;
  /** The monitor samples the monitor writes. */
  readonly samples: MonitorSampleStore;
  private readonly followed = new Map<string, { nats: NatsConnection; subs: Subscription[] }>();
  private readonly known = new Map<string, FrontgateRecord>();
  private stopWatch = () => undefined as void;
  private sweeper?: NodeJS.Timeout;
  private retention?: NodeJS.Timeout;

  private constructor(private readonly options: AgentMonitorOptions) {
    this.projection = new HealthProjection(options.dataSource);
    this.samples = new MonitorSampleStore(options.dataSource);
  }

  /** Starts following the registry and sweeping. */
  static async start(options: AgentMonitorOptions): Promise<AgentMonitor> {
    const monitor = new AgentMonitor(options);
    monitor.stopWatch = await options.registry.watch((frontgate) => {
      monitor.known.set(frontgate.frontgateId, frontgate);
      monitor.followAll();
    });
    monitor.sweeper = setInterval(() => {
      monitor.followAll();
      monitor.record('health sweep', async () => void (await monitor.projection.sweep(new Date())));
    }, options.sweepIntervalMs ?? 5_000);
    const retentionMs = (options.monitorRetentionHours ?? 168) * 3_600_000;
    // Every worker sweeps; the batched deletes of two sweeps at once just find less to delete.
    monitor.retention = setInterval(() => {
      monitor.record('monitor retention sweep', async () => void (await monitor.samples.deleteOlderThan(new Date(Date.now() - retentionMs))));
    }, options.retentionSweepMs ?? 60_000);
    return monitor;
  }

  /** Stops following and sweeping. */
  async stop(): Promise<void> {
    clearInterval(this.sweeper);
    clearInterval(this.retention);
    this.stopWatch();
    for (const { subs } of this.followed.values()) subs.forEach((sub) => sub.unsubscribe());
    this.followed.clear();
  }

  private followAll(): void {
    for (const frontgate of this.known.values()) {
      this.follow(frontgate).catch((err: unknown) => this.error(`cannot follow frontgate ${frontgate.frontgateId}: ${(err as Error).message}`));
    }
  }

  private async follow(frontgate: FrontgateRecord): Promise<void> {
    const current = this.followed.get(frontgate.frontgateId);
    if (frontgate.revokedAt) {
      current?.subs.forEach((sub) => sub.unsubscribe());
      this.followed.delete(frontgate.frontgateId);
      return;
    }
    if (current && !current.nats.isClosed()) return;
    const nats = await this.options.connections.get(frontgate.frontgateId);
    const subjects = frontgateSubjects(frontgate.frontgateId);
    const projection = this.projection;
    const samples = this.samples;
    this.followed.set(frontgate.frontgateId, {
      nats,
      subs: [
        this.subscribe(nats, subjects.heartbeats, (data, at) => projection.recordHeartbeat(decodeMessage(HeartbeatSchema, data), at)),
        this.subscribe(nats, subjects.healthReports, (data, at) => projection.recordHealthReport(decodeMessage(HealthReportSchema, data), at)),
        this.subscribe(nats, subjects.monitorReports, (data, at) => samples.record(decodeMessage(MonitorReportSchema, data), at)),
        this.subscribe(nats, subjects.status, (data, at) => projection.recordFrontgateStatus(decodeMessage(FrontgateStatusSchema, data), at)),
      ],
    });
  }

  private subscribe(nats: NatsConnection, subject: string, handle: (data: Uint8Array, at: Date) => Promise<void>): Subscription {
    return nats.subscribe(subject, {
      queue: MONITOR_QUEUE,
      callback: (err, msg) => {
        if (!err) this.record(subject, () => handle(msg.data, new Date()));
      },
    });
  }

  private record(what: string, write: () => Promise<void>): void {
    write().catch((err: unknown) => this.error(`${what} not recorded: ${(err as Error).message}`));
  }

  private error(message: string): void {
    this.options.onError?.(message);
  }
}

/** Starts an agent monitor (see `AgentMonitor`). */
export function startAgentMonitor(options: AgentMonitorOptions): Promise<AgentMonitor> {
  return AgentMonitor.start(options);
}
