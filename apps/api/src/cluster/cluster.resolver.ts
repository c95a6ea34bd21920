import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Caller } from '../access/index.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { mapConnection } from '../runtime/runtime.mapper.js';
import { PageInput } from '../runtime/dto/runtime.input.js';
import { ClusterQueryService } from './cluster-query.service.js';
import { toCluster, toEvent, toNode } from './cluster.mapper.js';
import { ClusterFilter } from './dto/cluster.input.js';
import { rollUpHealth } from './cluster-health.js';
import { Cluster, ClusterConnection, ClusterEndpoint, ClusterHealth, ClusterNode, ClusterRole } from './models/cluster.model.js';
import { ClusterEventView } from './models/job.model.js';

/** Cluster queries; a cluster's nodes, roles and endpoints are resolved only when asked for. */
@Resolver(() => Cluster)
export class ClusterResolver {
  constructor(private readonly queries: ClusterQueryService) {}

  @Query(() => ClusterConnection, { name: 'clusters', description: 'Clusters the caller can see, newest first.' })
  async listClusters(
    @CurrentCaller() caller: Caller,
    @Args('filter', { defaultValue: {} }) filter: ClusterFilter,
    @Args('page', { defaultValue: { first: 20 } }) page: PageInput,
  ): Promise<ClusterConnection> {
    return mapConnection(await this.queries.list(caller, filter, page), toCluster);
  }

  @Query(() => Cluster)
  async cluster(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<Cluster> {
    return toCluster(await this.queries.get(caller, id));
  }

  @Query(() => [ClusterEventView], { description: 'A cluster’s events after a sequence number (0: from the first), oldest first.' })
  async clusterEvents(
    @CurrentCaller() caller: Caller,
    @Args('clusterId', { type: () => ID }) clusterId: string,
    @Args('after', { type: () => Int, defaultValue: 0 }) after: number,
    @Args('limit', { type: () => Int, defaultValue: 500 }) limit: number,
  ): Promise<ClusterEventView[]> {
    return (await this.queries.events(caller, clusterId, after, Math.min(Math.max(limit, 1), 5000))).map(toEvent);
  }

  @ResolveField(() => [ClusterNode])
  async nodes(@Parent() cluster: Cluster): Promise<ClusterNode[]> {
    const [nodes, health] = await Promise.all([this.queries.nodes(cluster.id), this.queries.nodeHealth(cluster.id)]);
    return nodes.map((node) => ({ ...toNode(node), health: health.get(node.nodeId) ?? null }));
  }

  @ResolveField(() => ClusterHealth, { description: 'Health of the running nodes, rolled up.' })
  async health(@Parent() cluster: Cluster): Promise<ClusterHealth> {
    const [nodes, health] = await Promise.all([this.queries.nodes(cluster.id), this.queries.nodeHealth(cluster.id)]);
    return rollUpHealth(nodes, health);
  }

  @ResolveField(() => [ClusterRole])
  roles(@Parent() cluster: Cluster): Promise<ClusterRole[]> {
    return this.queries.roles(cluster.id);
  }

  @ResolveField(() => [ClusterEndpoint])
  endpoints(@Parent() cluster: Cluster): Promise<ClusterEndpoint[]> {
    return this.queries.endpoints(cluster.id);
  }
}
