import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ClusterOperation } from '../dto/cluster-plan.input.js';
import { ClusterNode } from './cluster.model.js';
import { JobLayer, Placement } from './job.model.js';

/**
 * What an operation would run, planned against the cluster's current state and started nowhere.
 * Its layers have the shape of a job's, so plan and job are drawn alike; every task is `pending`.
 */
@ObjectType({ description: 'The layers and tasks an operation would run now; nothing is started.' })
export class ClusterOperationPlan {
  @Field(() => ClusterOperation)
  operation!: ClusterOperation;

  @Field({ description: 'The `action` its job would have (as Job.action).' })
  action!: string;

  @Field(() => ID, { nullable: true, description: 'The cluster; null for CREATE (it does not exist yet).' })
  clusterId!: string | null;

  @Field(() => Placement, { nullable: true, description: 'For CREATE: the runtime it would go to and why.' })
  placement!: Placement | null;

  @Field(() => [ClusterNode], { description: 'Nodes the operation would add (CREATE, ADD_NODES). Their ids, also in task ids, are provisional: the job gives its nodes ids of its own.' })
  newNodes!: ClusterNode[];

  @Field(() => [JobLayer], { description: 'Tasks of a layer run in parallel, after every earlier layer finished.' })
  layers!: JobLayer[];
}
