import { Inject, Injectable } from '@nestjs/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { Client } from '@temporalio/client';
import type { Caller } from '../access/index.js';
import { TEMPORAL_CLIENT } from '../clients/tokens.js';
import { ClusterAccess } from './cluster-access.js';
import type { JobHistory } from './models/job.model.js';

/** A job's workflow history from Temporal, for `pitrix job replay`. */
@Injectable()
export class JobHistoryService {
  constructor(
    private readonly access: ClusterAccess,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async history(caller: Caller, jobId: string): Promise<JobHistory> {
    const job = await this.access.job(caller, jobId);
    const history = await this.temporal.workflow.getHandle(job.workflowId, job.runId).fetchHistory();
    return { workflowId: job.workflowId, runId: job.runId, historyJson: historyToJSON(history) };
  }
}
