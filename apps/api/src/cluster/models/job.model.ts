import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf } from '../../graphql/pagination.js';

/** Why a task or job failed: code, message, and for commands the exit code and output tails. */
@ObjectType()
export class TaskFailure {
  @Field()
  code!: string;

  @Field()
  message!: string;

  @Field(() => Int, { nullable: true })
  exitCode!: number | null;

  @Field(() => String, { nullable: true })
  stdoutTail!: string | null;

  @Field(() => String, { nullable: true })
  stderrTail!: string | null;
}

/** A step of a job. */
@ObjectType()
export class JobTask {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  layer!: number;

  @Field()
  type!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  nodeId!: string | null;

  @Field({ description: 'pending, running, successful, failed or skipped.' })
  status!: string;

  @Field(() => Int)
  attempts!: number;

  @Field({ description: 'A failure of this task does not fail the job (cleanup steps). A job sets it when such a task failed; a plan, for every such task.' })
  allowedFailure!: boolean;

  @Field()
  rollback!: boolean;

  @Field(() => TaskFailure, { nullable: true })
  failure!: TaskFailure | null;

  @Field(() => Date, { nullable: true, description: 'When the task first started (null while pending, and in a plan).' })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it last finished (null while pending or running).' })
  finishedAt!: Date | null;
}

/** The tasks that run in parallel, after every earlier layer finished. */
@ObjectType()
export class JobLayer {
  @Field(() => Int)
  index!: number;

  @Field(() => [JobTask])
  tasks!: JobTask[];
}

/** A cluster operation: one Temporal workflow execution. */
@ObjectType({ description: 'A cluster operation; its history is in the Temporal UI at temporalUrl.' })
export class Job {
  @Field(() => ID)
  id!: string;

  @Field()
  clusterId!: string;

  @Field()
  action!: string;

  @Field({ description: 'pending (accepted, not started yet), running, successful, failed or cancelled.' })
  status!: string;

  @Field({ description: 'Where progress comes from: the running workflow (live) or the read model.' })
  live!: boolean;

  @Field({ description: 'starting, planning, running, rolling-back, finishing or done.' })
  phase!: string;

  @Field(() => Int, { description: 'The layer running now (-1 before the first).' })
  currentLayer!: number;

  @Field()
  workflowId!: string;

  @Field()
  runId!: string;

  @Field({ description: 'Link to the workflow history in the Temporal web UI.' })
  temporalUrl!: string;

  @Field()
  owner!: string;

  @Field(() => String, { nullable: true })
  failedTaskId!: string | null;

  @Field(() => TaskFailure, { nullable: true })
  failure!: TaskFailure | null;

  @Field(() => String, { nullable: true })
  rollbackStatus!: string | null;

  @Field(() => Int)
  retries!: number;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => [JobLayer])
  layers!: JobLayer[];
}

/** A page of jobs. */
@ObjectType()
export class JobConnection extends ConnectionOf(Job, 'Job') {}

/** Where a new cluster was placed and why. */
@ObjectType()
export class Placement {
  @Field()
  runtimeId!: string;

  @Field({ description: 'Why this runtime: given by the caller, or picked (and how).' })
  reason!: string;
}

/** A job the API accepted: it reaches a terminal state whatever crashes from here on. */
@ObjectType()
export class AcceptedJob {
  @Field(() => ID)
  jobId!: string;

  @Field()
  clusterId!: string;

  @Field()
  action!: string;

  @Field()
  workflowId!: string;

  @Field()
  runId!: string;

  @Field()
  temporalUrl!: string;

  @Field(() => Placement, { nullable: true, description: 'For createCluster: the runtime and why it was chosen.' })
  placement!: Placement | null;

  @Field(() => Int, { nullable: true, description: 'For retryJob: the layer the job resumes from.' })
  fromLayer!: number | null;
}

/** One event of a cluster's append-only stream. */
@ObjectType()
export class ClusterEventView {
  @Field(() => Int, { description: 'Global sequence; pass the last one seen as `after`.' })
  sequence!: number;

  @Field()
  clusterId!: string;

  @Field()
  type!: string;

  @Field()
  recordedAt!: Date;

  @Field({ description: 'The event as JSON text.' })
  payload!: string;
}

/** The result of rebuilding the read models from the events. */
@ObjectType()
export class ProjectionRebuild {
  @Field(() => Int)
  events!: number;
}

/** A job's workflow history, for replay against other workflow code. */
@ObjectType()
export class JobHistory {
  @Field()
  workflowId!: string;

  @Field()
  runId!: string;

  @Field({ description: 'The history as Temporal JSON (what `Worker.runReplayHistory` reads).' })
  historyJson!: string;
}
