import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '../access/index.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { ClusterOperationService } from './cluster-operation.service.js';
import { toOperationPlan } from './cluster.mapper.js';
import { ClusterOperationPlanInput } from './dto/cluster-plan.input.js';
import { ClusterOperationPlan } from './models/cluster-plan.model.js';
import { requestFromPlanInput } from './plan-request.js';

/** Plan previews: what an operation mutation would run, checked as the mutation checks it, started nowhere. */
@Resolver(() => ClusterOperationPlan)
export class ClusterPlanResolver {
  constructor(private readonly operations: ClusterOperationService) {}

  @Query(() => ClusterOperationPlan, {
    description: 'The plan of a cluster operation against the cluster’s current state (for CREATE, the would-be cluster), with the errors its mutation would give; starts nothing.',
  })
  async planClusterOperation(@CurrentCaller() caller: Caller, @Args('input') input: ClusterOperationPlanInput): Promise<ClusterOperationPlan> {
    return toOperationPlan(input.operation, await this.operations.plan(caller, requestFromPlanInput(input)));
  }
}
