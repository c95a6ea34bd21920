import { Injectable } from '@nestjs/common';
import { ClusterLinks, ClusterReadModel } from '@pitrix/cluster-store';
import { PitrixError } from '@pitrix/errors';
import { canSee, type Caller } from '../access/index.js';

/**
 * Keeps a cluster that live clusters link to from being deleted or ceased by accident: without
 * `force` the operation is `CLUSTER.LINKED`, naming the linking clusters the caller may see (and
 * counting the others, whose ids it may not learn). With `force` the linking clusters keep their
 * alias, and their drones' view of it resolves to nothing once the target's metadata is gone.
 */
@Injectable()
export class ClusterLinkGuard {
  constructor(
    private readonly links: ClusterLinks,
    private readonly reads: ClusterReadModel,
  ) {}

  /** Throws `CLUSTER.LINKED` when live clusters link to `clusterId`, unless `force`. */
  async ensureUnlinked(caller: Caller, clusterId: string, action: 'delete' | 'cease', force: boolean): Promise<void> {
    if (force) return;
    const linkers = await this.links.liveLinksTo(clusterId);
    if (linkers.length === 0) return;
    const shown: string[] = [];
    let hidden = 0;
    for (const link of linkers) {
      const linker = await this.reads.cluster(link.clusterId);
      if (canSee(caller, linker.ownerPath)) shown.push(`${linker.id} (${linker.name}) as ${link.alias}`);
      else hidden++;
    }
    const others = hidden === 0 ? '' : `${shown.length > 0 ? ' and ' : ''}${hidden} cluster${hidden === 1 ? '' : 's'} you may not see`;
    throw new PitrixError('CLUSTER.LINKED', `Cluster ${clusterId} is linked by ${shown.join(', ')}${others}; remove those links first (delete the linking clusters or clear their link), or pass force to ${action} it anyway (the links then resolve to nothing)`, [
      ...shown.map((linker) => ({ path: 'id', message: `linked by ${linker}` })),
      ...(hidden > 0 ? [{ path: 'id', message: `linked by ${hidden} cluster${hidden === 1 ? '' : 's'} you may not see` }] : []),
    ]);
  }
}
