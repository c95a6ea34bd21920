import type { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { printPlan, type PlanRequest } from '../cluster/cluster-plan.js';
import { ACCEPTED_FIELDS, type AcceptedJobView } from './job-queries.js';
import { waitForJob } from './wait-for-job.js';

/** A mutation that starts a job: its name and typed variables. */
export interface OperationRequest {
  readonly mutation: string;
  readonly variables: Record<string, unknown>;
  /** GraphQL type of each variable, e.g. `{ id: 'ID!' }`. */
  readonly types: Record<string, string>;
  /** The same operation as `planClusterOperation` takes it, for `--dry-run` (none for a retry or a rollback: they are not planned ahead). */
  readonly plan?: PlanRequest;
}

/**
 * Sends a job-starting mutation and prints the accepted job; with `--wait`, follows the job to its
 * end (a failed job exits non-zero with the failed task's details). With `--dry-run`, prints the
 * plan instead and starts nothing.
 */
export async function runOperation(command: Command, env: NodeJS.ProcessEnv, request: OperationRequest, options: { wait?: boolean; dryRun?: boolean }): Promise<void> {
  const context = contextFrom(command, env);
  if (options.dryRun && request.plan) return printPlan(context, request.plan);
  const { api, out } = context;
  const names = Object.keys(request.variables).filter((name) => request.variables[name] !== undefined);
  const params = names.map((name) => `$${name}: ${request.types[name]}`).join(', ');
  const args = names.map((name) => `${name}: $${name}`).join(', ');
  const document = `mutation${params ? `(${params})` : ''} { ${request.mutation}${args ? `(${args})` : ''} { ${ACCEPTED_FIELDS} } }`;
  const data = await api.request<Record<string, AcceptedJobView>>(document, request.variables);
  const accepted = data[request.mutation] as AcceptedJobView;
  out.progress(`job ${accepted.jobId}: ${accepted.action} of ${accepted.clusterId} accepted${accepted.placement ? ` on ${accepted.placement.runtimeId} (${accepted.placement.reason})` : ''}`);
  out.progress(`  history: ${accepted.temporalUrl}`);
  if (!options.wait) {
    out.result(accepted, () => `${accepted.jobId} ${accepted.clusterId}`);
    return;
  }
  const job = await waitForJob(api, out, accepted.jobId);
  out.result({ ...accepted, job }, () => `job ${job.id} successful: ${job.action} of ${job.clusterId}`);
}

/** Commander option of every operation. */
export const WAIT_OPTION = ['--wait', 'follow the job, showing its layers and tasks, until it ends'] as const;

/** Commander option of every operation: the plan instead of the job. */
export const DRY_RUN_OPTION = ['--dry-run', 'print the layers and tasks the job would run, and start nothing'] as const;
