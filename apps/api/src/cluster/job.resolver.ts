import { Args, ID, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import type { PitrixError } from '@pitrix/errors';
import type { Caller } from '../access/index.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { PageInput } from '../runtime/dto/runtime.input.js';
import { ClusterOperationService } from './cluster-operation.service.js';
import { ClusterQueryService } from './cluster-query.service.js';
import { ClusterStreamService } from './cluster-stream.service.js';
import { JobFilter } from './dto/job.input.js';
import { deliver } from './feed.js';
import { JobHistoryService } from './job-history.service.js';
import { ClusterHealthChange } from './models/cluster.model.js';
import { AcceptedJob, ClusterEventView, Job, JobConnection, JobHistory, ProjectionRebuild } from './models/job.model.js';

/** Jobs: reads, retry and rollback, history for replay, and the live streams. */
@Resolver(() => Job)
export class JobResolver {
  constructor(
    private readonly queries: ClusterQueryService,
    private readonly operations: ClusterOperationService,
    private readonly streams: ClusterStreamService,
    private readonly histories: JobHistoryService,
  ) {}

  @Query(() => JobConnection, { name: 'jobs', description: 'Jobs of the clusters the caller can see, newest first.' })
  listJobs(
    @CurrentCaller() caller: Caller,
    @Args('filter', { defaultValue: {} }) filter: JobFilter,
    @Args('page', { defaultValue: { first: 20 } }) page: PageInput,
  ): Promise<JobConnection> {
    return this.queries.jobs(caller, filter, page);
  }

  @Query(() => Job, { description: 'A job with its layers and tasks; live from the workflow while it runs.' })
  job(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Job> {
    return this.queries.job(caller, id);
  }

  @Query(() => JobHistory, { description: 'The workflow history of a job, to replay against other workflow code (`pitrix job replay`).' })
  jobHistory(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<JobHistory> {
    return this.histories.history(caller, id);
  }

  @Mutation(() => AcceptedJob, { description: 'Resumes a failed job from its failed layer; completed tasks do not run again.' })
  retryJob(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<AcceptedJob> {
    return this.operations.retry(caller, id);
  }

  @Mutation(() => AcceptedJob, { description: 'Undoes what a failed job completed, in reverse order, as a new job.' })
  rollbackJob(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<AcceptedJob> {
    return this.operations.rollback(caller, id);
  }

  @Mutation(() => Job, { description: 'Cancels a running job (Temporal cancel): tasks in flight stop, nothing is undone; the cluster is left failed.' })
  cancelJob(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Job> {
    return this.operations.cancel(caller, id);
  }

  @Mutation(() => ProjectionRebuild, { description: 'Admins: rebuilds every cluster read model from the events.' })
  rebuildProjections(): Promise<ProjectionRebuild> {
    return this.operations.rebuildProjections();
  }

  @Subscription(() => ClusterEventView, { name: 'clusterEvents', resolve: deliver<ClusterEventView>, description: 'A cluster’s events after `after`, then as they happen.' })
  clusterEventStream(
    @CurrentCaller() caller: Caller,
    @Args('clusterId', { type: () => ID }) clusterId: string,
    @Args('after', { type: () => Int, defaultValue: 0 }) after: number,
  ): Promise<AsyncIterableIterator<ClusterEventView | PitrixError>> {
    return this.streams.clusterEvents(caller, clusterId, after);
  }

  @Subscription(() => ClusterHealthChange, { resolve: deliver<ClusterHealthChange>, description: 'A cluster’s health now, then again whenever a node’s health changes.' })
  clusterHealth(@CurrentCaller() caller: Caller, @Args('clusterId', { type: () => ID }) clusterId: string): Promise<AsyncIterableIterator<ClusterHealthChange | PitrixError>> {
    return this.streams.clusterHealth(caller, clusterId);
  }

  @Subscription(() => Job, { resolve: deliver<Job>, description: 'A job’s view whenever it changes; ends when the job does.' })
  jobProgress(@CurrentCaller() caller: Caller, @Args('jobId', { type: () => ID }) jobId: string): Promise<AsyncIterableIterator<Job | PitrixError>> {
    return this.streams.jobProgress(caller, jobId);
  }
}
