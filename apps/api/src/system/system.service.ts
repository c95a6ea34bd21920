import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { type ApiConfig, redactUrl } from '@pitrix/config';
import { PitrixError } from '@pitrix/errors';
import { SKELETON_WORKFLOW_TYPE, type SkeletonResult, skeletonWorkflowId } from '@pitrix/workflow-contract';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { API_CONFIG, DATA_SOURCE, NATS_CONNECTION, TEMPORAL_CLIENT } from '../clients/tokens.js';
import type { StartSkeletonRunInput } from './dto/start-skeleton-run.input.js';
import { DependencyState, type DependencyStatus, type SystemStatus } from './models/system-status.model.js';
import type { SkeletonRun } from './models/skeleton-run.model.js';
import { temporalUiWorkflowUrl } from './temporal-links.js';

const PROBE_TIMEOUT_MS = 2_000;

/** Probes the dependencies and runs the walking skeleton. */
@Injectable()
export class SystemService {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
  ) {}

  async status(): Promise<SystemStatus> {
    const dependencies = await Promise.all([this.probeTemporal(), this.probePostgres(), this.probeNats()]);
    return { dependencies, healthy: dependencies.every((d) => d.state === DependencyState.UP) };
  }

  async startSkeletonRun(input: StartSkeletonRunInput): Promise<SkeletonRun> {
    const workflowId = skeletonWorkflowId(randomUUID());
    const handle = await this.temporal.workflow.start(SKELETON_WORKFLOW_TYPE, {
      taskQueue: this.config.temporal.taskQueue,
      workflowId,
      args: [{ message: input.message, workMs: input.workMs ?? 0 }],
    });
    return this.skeletonRun(handle.workflowId);
  }

  async skeletonRun(workflowId: string): Promise<SkeletonRun> {
    const handle = this.temporal.workflow.getHandle(workflowId);
    let description;
    try {
      description = await handle.describe();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        throw new PitrixError('SKELETON.RUN_NOT_FOUND', `No skeleton run with workflow id ${workflowId}`);
      }
      throw err;
    }
    const completed = description.status.name === 'COMPLETED' ? ((await handle.result()) as SkeletonResult) : undefined;
    return {
      workflowId,
      runId: description.runId,
      status: description.status.name,
      temporalUiUrl: temporalUiWorkflowUrl(this.config.temporal, workflowId, description.runId),
      subject: completed?.subject ?? null,
      attempts: completed?.attempts ?? null,
    };
  }

  private async probeTemporal(): Promise<DependencyStatus> {
    const address = this.config.temporal.address;
    return probe('temporal', address, async () => {
      const info = await this.temporal.workflowService.getSystemInfo({});
      return info.serverVersion ?? null;
    });
  }

  private async probePostgres(): Promise<DependencyStatus> {
    return probe('postgresql', redactUrl(this.config.database.url), async () => {
      const rows = (await this.dataSource.query('SHOW server_version')) as Array<{ server_version: string }>;
      return rows[0]?.server_version ?? null;
    });
  }

  private async probeNats(): Promise<DependencyStatus> {
    return probe('nats', this.config.nats.url, async () => {
      if (this.nats.isClosed()) throw new Error('connection closed');
      await this.nats.rtt();
      return this.nats.info?.version ?? null;
    });
  }
}

async function probe(name: string, address: string, check: () => Promise<string | null>): Promise<DependencyStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    const version = await Promise.race([check(), timeout]);
    return { name, address, state: DependencyState.UP, version, reason: null };
  } catch (err) {
    return { name, address, state: DependencyState.DOWN, version: null, reason: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
