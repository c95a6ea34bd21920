import { Inject, Injectable } from '@nestjs/common';
import { readMonitorSeries, type SeriesItem } from '@pitrix/agent-plane';
import { AlarmRuleStore, ClusterEventStore, ClusterReadModel, JobSpecStore, type AlarmRule } from '@pitrix/cluster-store';
import { hasErrorCode, PitrixError } from '@pitrix/errors';
import { newId } from '@pitrix/ids';
import type { DataSource } from 'typeorm';
import type { Caller } from '../access/index.js';
import { ClusterAccess } from '../cluster/cluster-access.js';
import { DATA_SOURCE } from '../clients/tokens.js';
import type { ClusterAlarmInput } from './dto/alarm.input.js';
import { monitorRange, type MonitorRangeArgs } from './monitor-range.js';
import type { ClusterAlarm, MonitorSeries } from './models/monitor.model.js';
import { AlarmConditionType } from './models/monitor.model.js';
import { allowedAlarmItems } from './alarm-items.js';
import { blueprintRoles, clusterItems, monitorOfRole, roleMonitors, type DeclaredItem } from './package-monitors.js';

/** A monitor request: the range and step, and which items (all declared ones when absent). */
export interface MonitorArgs extends MonitorRangeArgs {
  readonly items?: readonly string[] | null;
}

/**
 * Monitor series and alarm rules of clusters. Items, units and statistics come from the package
 * of the cluster's current blueprint; values from the agent monitor's samples.
 */
@Injectable()
export class ClusterMonitorService {
  constructor(
    private readonly access: ClusterAccess,
    private readonly reads: ClusterReadModel,
    private readonly specs: JobSpecStore,
    private readonly rules: AlarmRuleStore,
    private readonly events: ClusterEventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /** The cluster's series: the roll-up of each item over the nodes, then each node's. */
  async clusterSeries(clusterId: string, args: MonitorArgs): Promise<MonitorSeries[]> {
    const items = clusterItems(roleMonitors(await this.blueprint(clusterId)));
    return this.series(clusterId, undefined, items, args);
  }

  /** One node's series, with the items of its role's monitor. */
  async nodeSeries(nodeId: string, args: MonitorArgs): Promise<MonitorSeries[]> {
    const rows = (await this.dataSource.query(`SELECT cluster_id, role, base_role FROM cluster.nodes WHERE node_id = $1`, [nodeId])) as Array<{ cluster_id: string; role: string; base_role: string }>;
    const node = rows[0];
    if (!node) throw new PitrixError('CLUSTER.NODE_NOT_FOUND', `Node ${nodeId} does not exist`);
    const monitor = monitorOfRole(roleMonitors(await this.blueprint(node.cluster_id)), node.role, node.base_role);
    return this.series(node.cluster_id, nodeId, monitor?.items ?? new Map(), args);
  }

  /** The cluster's alarm rules with the nodes each is raised on. */
  async alarms(clusterId: string): Promise<ClusterAlarm[]> {
    const rules = await this.rules.rulesOf(clusterId);
    const states = await this.rules.states(rules.map((rule) => rule.id));
    return rules.map((rule) => toAlarm(rule, states.filter((state) => state.ruleId === rule.id && state.active).map((state) => state.nodeId)));
  }

  /**
   * Adds an alarm rule on one of the cluster's int monitor items that its package offers for
   * alarms; anything else is refused (`CLUSTER.ALARM_ITEM_NOT_ALLOWED`, naming the allowed items)
   * and nothing is stored.
   */
  async setAlarm(caller: Caller, clusterId: string, input: ClusterAlarmInput): Promise<ClusterAlarm> {
    await this.access.cluster(caller, clusterId);
    const blueprint = await this.blueprint(clusterId);
    const monitors = roleMonitors(blueprint);
    const role = input.role ?? null;
    if (role !== null && !blueprintRoles(blueprint).includes(role)) {
      throw new PitrixError('CLUSTER.ROLE_NOT_FOUND', `Cluster ${clusterId} has no role ${role}`);
    }
    const allowed = allowedAlarmItems(monitors, role);
    if (!allowed.includes(input.item)) {
      const where = role === null ? 'the cluster’s package' : `role ${role}’s package`;
      throw new PitrixError('CLUSTER.ALARM_ITEM_NOT_ALLOWED', `${where} does not offer monitor item ${input.item} for alarms; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'}`, [
        { path: 'input.item', message: 'not offered for alarms', expected: allowed.join(', '), found: input.item },
      ]);
    }
    const rule = await this.rules.add({
      id: newId('alarm'),
      clusterId,
      item: input.item,
      role,
      condition: input.condition,
      threshold: input.threshold,
      consecutive: input.consecutive,
      createdBy: caller.login,
      createdAt: new Date(),
    });
    return toAlarm(rule, []);
  }

  /** Removes an alarm rule; nodes on which it was raised get their `ClusterAlarmCleared`. */
  async removeAlarm(caller: Caller, clusterId: string, alarmId: string): Promise<ClusterAlarm> {
    await this.access.cluster(caller, clusterId);
    const rule = await this.rules.rule(clusterId, alarmId);
    const states = await this.rules.remove(clusterId, alarmId);
    const base = { alarmId, item: rule.item, threshold: rule.threshold, condition: rule.condition };
    await this.events.append(
      states
        .filter((state) => state.active)
        .map((state) => ({ clusterId, key: `cluster/${clusterId}/alarm/${alarmId}/${state.nodeId}/removed`, event: { type: 'ClusterAlarmCleared' as const, ...base, nodeId: state.nodeId, value: null } })),
    );
    return toAlarm(rule, []);
  }

  private async series(clusterId: string, nodeId: string | undefined, declared: ReadonlyMap<string, DeclaredItem>, args: MonitorArgs): Promise<MonitorSeries[]> {
    const range = monitorRange(args, new Date());
    const names = args.items ?? [...declared.keys()];
    const unknown = names.filter((name) => !declared.has(name));
    if (unknown.length > 0) {
      throw new PitrixError('CLUSTER.MONITOR_QUERY_INVALID', `unknown monitor items: ${unknown.join(', ')}; declared: ${[...declared.keys()].join(', ') || 'none'}`, [
        { path: 'items', message: 'not a declared monitor item', expected: [...declared.keys()].join(', '), found: unknown.join(', ') },
      ]);
    }
    if (names.length === 0) return [];
    const items: SeriesItem[] = names.map((item) => ({ item, statistic: (declared.get(item) as DeclaredItem).statisticsType, valueType: (declared.get(item) as DeclaredItem).valueType }));
    const series = await readMonitorSeries(this.dataSource, { clusterId, nodeId, rollUp: nodeId === undefined, items, ...range });
    return series.map((one) => {
      const item = declared.get(one.item) as DeclaredItem;
      return { item: one.item, unit: item.unit, valueType: item.valueType, statisticsType: item.statisticsType, nodeId: one.nodeId, points: one.points };
    });
  }

  /** The cluster's current blueprint, from the job spec it works from (undefined before its first). */
  private async blueprint(clusterId: string): Promise<unknown> {
    const cluster = await this.reads.cluster(clusterId);
    const specJobId = cluster.specJobId ?? cluster.lastJobId;
    if (!specJobId) return undefined;
    const spec = await this.specs.load(specJobId).catch((err: unknown) => {
      if (hasErrorCode(err, 'CLUSTER.JOB_NOT_FOUND')) return undefined;
      throw err;
    });
    return spec?.payload.blueprint;
  }
}

function toAlarm(rule: AlarmRule, activeNodes: string[]): ClusterAlarm {
  return {
    id: rule.id,
    item: rule.item,
    role: rule.role,
    condition: AlarmConditionType[rule.condition],
    threshold: rule.threshold,
    consecutive: rule.consecutive,
    createdBy: rule.createdBy,
    createdAt: rule.createdAt,
    activeNodes,
  };
}
