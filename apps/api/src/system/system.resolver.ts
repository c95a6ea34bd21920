import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { StartSkeletonRunInput } from './dto/start-skeleton-run.input.js';
import { SkeletonRun } from './models/skeleton-run.model.js';
import { SystemStatus } from './models/system-status.model.js';
import { SystemService } from './system.service.js';

/** System health and the walking skeleton. */
@Resolver()
export class SystemResolver {
  constructor(private readonly system: SystemService) {}

  @Query(() => SystemStatus, { description: 'Each dependency (Temporal, PostgreSQL, NATS hub), probed live.' })
  systemStatus(): Promise<SystemStatus> {
    return this.system.status();
  }

  @Mutation(() => SkeletonRun, { description: 'Starts the walking-skeleton workflow.' })
  startSkeletonRun(@Args('input') input: StartSkeletonRunInput): Promise<SkeletonRun> {
    return this.system.startSkeletonRun(input);
  }

  @Query(() => SkeletonRun, { description: 'A walking-skeleton run by workflow id.' })
  skeletonRun(@Args('workflowId') workflowId: string): Promise<SkeletonRun> {
    return this.system.skeletonRun(workflowId);
  }
}
