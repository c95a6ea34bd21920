import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Caller } from '../access/index.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { Cluster, ClusterNode } from '../cluster/models/cluster.model.js';
import { ClusterMonitorService, type MonitorArgs } from './cluster-monitor.service.js';
import { ClusterAlarmInput } from './dto/alarm.input.js';
import { ClusterAlarm, MonitorSeries } from './models/monitor.model.js';

const RANGE_HELP = 'Steps of `stepSeconds` from `from` (default: an hour before `to`) to `to` (default: now), at most 1,000 steps; `items` default to every declared item.';

/** Reads the arguments of a `monitor` field. */
function monitorArgs(from: Date | null, to: Date | null, stepSeconds: number, items: string[] | null): MonitorArgs {
  return { from, to, stepSeconds, items };
}

/** A cluster's monitor series and alarm rules, and the mutations of its rules. */
@Resolver(() => Cluster)
export class ClusterMonitorResolver {
  constructor(private readonly monitors: ClusterMonitorService) {}

  @ResolveField(() => [MonitorSeries], { description: `Monitor series of the cluster: each item rolled up over its nodes (nodeId null), then per node. ${RANGE_HELP}` })
  monitor(
    @Parent() cluster: Cluster,
    @Args('from', { type: () => Date, nullable: true }) from: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to: Date | null,
    @Args('stepSeconds', { type: () => Int, defaultValue: 60 }) stepSeconds: number,
    @Args('items', { type: () => [String], nullable: true }) items: string[] | null,
  ): Promise<MonitorSeries[]> {
    return this.monitors.clusterSeries(cluster.id, monitorArgs(from, to, stepSeconds, items));
  }

  @ResolveField(() => [ClusterAlarm], { description: 'The cluster’s alarm rules, each with the nodes it is raised on.' })
  alarms(@Parent() cluster: Cluster): Promise<ClusterAlarm[]> {
    return this.monitors.alarms(cluster.id);
  }

  @Mutation(() => ClusterAlarm, { description: 'Adds an alarm rule on a monitor item the package offers for alarms; raised and cleared alarms are cluster events.' })
  setClusterAlarm(
    @CurrentCaller() caller: Caller,
    @Args('clusterId', { type: () => ID }) clusterId: string,
    @Args('input') input: ClusterAlarmInput,
  ): Promise<ClusterAlarm> {
    return this.monitors.setAlarm(caller, clusterId, input);
  }

  @Mutation(() => ClusterAlarm, { description: 'Removes an alarm rule; nodes it was raised on get ClusterAlarmCleared.' })
  removeClusterAlarm(
    @CurrentCaller() caller: Caller,
    @Args('clusterId', { type: () => ID }) clusterId: string,
    @Args('alarmId', { type: () => ID }) alarmId: string,
  ): Promise<ClusterAlarm> {
    return this.monitors.removeAlarm(caller, clusterId, alarmId);
  }
}

/** A node's monitor series. */
@Resolver(() => ClusterNode)
export class NodeMonitorResolver {
  constructor(private readonly monitors: ClusterMonitorService) {}

  @ResolveField(() => [MonitorSeries], { description: `Monitor series of the node, with its role’s items. ${RANGE_HELP}` })
  monitor(
    @Parent() node: ClusterNode,
    @Args('from', { type: () => Date, nullable: true }) from: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to: Date | null,
    @Args('stepSeconds', { type: () => Int, defaultValue: 60 }) stepSeconds: number,
    @Args('items', { type: () => [String], nullable: true }) items: string[] | null,
  ): Promise<MonitorSeries[]> {
    return this.monitors.nodeSeries(node.id, monitorArgs(from, to, stepSeconds, items));
  }
}
