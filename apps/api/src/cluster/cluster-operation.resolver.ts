import type { Operation } from '@pitrix/cluster-model';
import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import type { Caller } from '../access/index.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { JsonObjectScalar } from '../graphql/json-object.scalar.js';
import { ClusterOperationService } from './cluster-operation.service.js';
import { CreateClusterInput, ResizeClusterInput, RunClusterActionInput, UpgradeClusterInput } from './dto/cluster.input.js';
import { toCluster } from './cluster.mapper.js';
import { Cluster } from './models/cluster.model.js';
import { AcceptedJob } from './models/job.model.js';
import { backupOperation, resizeOperation, runActionOperation } from './operation-request.js';

/**
 * One mutation per cluster operation. Each returns the accepted job at once; follow it with
 * `job(id)` or the `jobProgress` subscription.
 */
@Resolver()
export class ClusterOperationResolver {
  constructor(private readonly operations: ClusterOperationService) {}

  @Mutation(() => AcceptedJob, { description: 'Creates a cluster from a package (values checked against its config.json first).' })
  createCluster(@CurrentCaller() caller: Caller, @Args('input') input: CreateClusterInput): Promise<AcceptedJob> {
    return this.operations.start(caller, { kind: 'create', input });
  }

  @Mutation(() => Cluster, { description: 'Turns healing of the cluster’s nodes on or off, with the seconds a node may be down first.' })
  async setClusterHealing(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('enabled') enabled: boolean,
    @Args('graceSeconds', { type: () => Int, defaultValue: 60 }) graceSeconds: number,
  ): Promise<Cluster> {
    return toCluster(await this.operations.setHealing(caller, id, enabled, graceSeconds));
  }

  @Mutation(() => AcceptedJob)
  startCluster(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<AcceptedJob> {
    return this.operate(caller, id, { action: 'start' });
  }

  @Mutation(() => AcceptedJob)
  stopCluster(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<AcceptedJob> {
    return this.operate(caller, id, { action: 'stop' });
  }

  @Mutation(() => AcceptedJob)
  restartCluster(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<AcceptedJob> {
    return this.operate(caller, id, { action: 'restart' });
  }

  @Mutation(() => AcceptedJob, {
    description: 'Soft delete (recoverable); `force` overrides destroy-hook vetoes, any status but deleted, and links: a cluster live clusters link to is otherwise CLUSTER.LINKED.',
  })
  deleteCluster(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('force', { defaultValue: false }) force: boolean): Promise<AcceptedJob> {
    return this.operate(caller, id, { action: 'delete', force });
  }

  @Mutation(() => AcceptedJob, { description: 'Final removal of a deleted cluster: instances, volumes and metadata; `force` ceases it even while live clusters link to it.' })
  ceaseCluster(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('force', { defaultValue: false, description: 'Cease even while live clusters link to it (otherwise CLUSTER.LINKED).' }) force: boolean,
  ): Promise<AcceptedJob> {
    return this.operations.start(caller, { kind: 'operate', clusterId: id, operation: { action: 'cease' }, force });
  }

  @Mutation(() => AcceptedJob, { description: 'Brings a deleted cluster back.' })
  recoverCluster(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<AcceptedJob> {
    return this.operate(caller, id, { action: 'recover' });
  }

  @Mutation(() => AcceptedJob, { description: 'Rolling upgrade to another package version.' })
  upgradeCluster(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpgradeClusterInput): Promise<AcceptedJob> {
    return this.operations.start(caller, { kind: 'upgrade', clusterId: id, input });
  }

  @Mutation(() => AcceptedJob, { description: 'Scale out: adds `count` nodes to a role.' })
  addNodes(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('role') role: string,
    @Args('count', { type: () => Int }) count: number,
  ): Promise<AcceptedJob> {
    return this.operate(caller, id, { action: 'addNodes', role, count });
  }

  @Mutation(() => AcceptedJob, { description: 'Scale in: removes these nodes (`force` overrides destroy-hook vetoes).' })
  deleteNodes(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('nodeIds', { type: () => [ID] }) nodeIds: string[],
    @Args('force', { defaultValue: false }) force: boolean,
  ): Promise<AcceptedJob> {
    return this.operate(caller, id, { action: 'deleteNodes', nodeIds, force });
  }

  @Mutation(() => AcceptedJob, { description: 'Vertical scaling of roles.' })
  resizeCluster(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('input') input: ResizeClusterInput): Promise<AcceptedJob> {
    return this.operate(caller, id, resizeOperation(input));
  }

  @Mutation(() => AcceptedJob, { description: 'Changes values (only `changeable` ones) and rewrites the metadata; nodes reload their config.' })
  updateClusterEnv(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('values', { type: () => JsonObjectScalar }) values: Record<string, unknown>,
  ): Promise<AcceptedJob> {
    return this.operations.start(caller, { kind: 'updateEnv', clusterId: id, values });
  }

  @Mutation(() => AcceptedJob, { description: 'Runs a custom action the blueprint declares.' })
  runClusterAction(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('input') input: RunClusterActionInput): Promise<AcceptedJob> {
    return this.operate(caller, id, runActionOperation(input));
  }

  @Mutation(() => AcceptedJob, { description: 'Runs the backup hooks under a snapshot id (the one given, or a new one).' })
  backupCluster(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
    @Args('snapshotId', { type: () => String, nullable: true }) snapshotId: string | undefined,
  ): Promise<AcceptedJob> {
    return this.operate(caller, id, backupOperation(snapshotId));
  }

  @Mutation(() => AcceptedJob, { description: 'Runs the restore hooks for a snapshot.' })
  restoreCluster(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('snapshotId') snapshotId: string): Promise<AcceptedJob> {
    return this.operate(caller, id, { action: 'restore', snapshotId });
  }

  @Mutation(() => AcceptedJob, { description: 'Deletes a backup: runs the delete_snapshot hooks for a snapshot.' })
  deleteClusterBackup(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string, @Args('snapshotId') snapshotId: string): Promise<AcceptedJob> {
    return this.operate(caller, id, { action: 'deleteSnapshot', snapshotId });
  }

  private operate(caller: Caller, clusterId: string, operation: Operation): Promise<AcceptedJob> {
    return this.operations.start(caller, { kind: 'operate', clusterId, operation });
  }
}
