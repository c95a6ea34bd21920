import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ClusterLinks, ClusterReadModel, type ClusterRow } from '@pitrix/cluster-store';
import { isPitrixError } from '@pitrix/errors';
import { canSee, type Caller } from '../access/index.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { toCluster } from './cluster.mapper.js';
import { ClusterLink } from './models/cluster-link.model.js';
import { Cluster } from './models/cluster.model.js';

/** A cluster's links, both ways, resolved only when asked for. */
@Resolver(() => Cluster)
export class ClusterLinksResolver {
  constructor(
    private readonly linkReads: ClusterLinks,
    private readonly reads: ClusterReadModel,
  ) {}

  @ResolveField(() => [ClusterLink], { description: 'The clusters this one links to (its `service` values), by alias; they stay after a forced delete of the target.' })
  async links(@CurrentCaller() caller: Caller, @Parent() cluster: Cluster): Promise<ClusterLink[]> {
    const rows = await this.linkReads.linksOf(cluster.id);
    return Promise.all(rows.map(async (row) => ({ alias: row.alias, cluster: await this.visible(caller, row.targetClusterId) })));
  }

  @ResolveField(() => [ClusterLink], { description: 'Live clusters (not deleted or ceased) the caller may see that link to this one: while there are any, deleting it needs force.' })
  async linkedBy(@CurrentCaller() caller: Caller, @Parent() cluster: Cluster): Promise<ClusterLink[]> {
    const rows = await this.linkReads.liveLinksTo(cluster.id);
    const linkers = await Promise.all(rows.map(async (row) => ({ alias: row.alias, cluster: await this.visible(caller, row.clusterId) })));
    return linkers.filter((link) => link.cluster !== null);
  }

  private async visible(caller: Caller, clusterId: string): Promise<Cluster | null> {
    const row = await this.reads.cluster(clusterId).catch((err: unknown): ClusterRow | null => {
      if (isPitrixError(err) && err.code === 'CLUSTER.NOT_FOUND') return null;
      throw err;
    });
    return row && canSee(caller, row.ownerPath) ? toCluster(row) : null;
  }
}
