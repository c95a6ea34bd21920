import type { AlarmCondition } from '@pitrix/cluster-model';
import { PitrixError } from '@pitrix/errors';
import type { DataSource, EntityManager } from 'typeorm';

/** A cluster's alarm rule: a node's `item` meeting `condition threshold` `consecutive` samples in a row raises it. */
export interface AlarmRule {
  readonly id: string;
  readonly clusterId: string;
  readonly item: string;
  /** The role whose nodes it watches (and that role's replicas); null: every node reporting the item. */
  readonly role: string | null;
  readonly condition: AlarmCondition;
  readonly threshold: number;
  readonly consecutive: number;
  readonly createdBy: string;
  readonly createdAt: Date;
}

/** A rule's state on one node, as the alarm evaluator left it. */
export interface AlarmState {
  readonly ruleId: string;
  readonly nodeId: string;
  /** Samples in a row that met the condition, up to the last one judged. */
  readonly metInARow: number;
  /** Whether the alarm is raised on this node. */
  readonly active: boolean;
  readonly lastValue: number | null;
  /** The newest sample judged: the next evaluation starts after it. */
  readonly lastSampleAt: Date;
}

interface RuleRow {
  id: string;
  cluster_id: string;
  item: string;
  role: string | null;
  condition: AlarmCondition;
  threshold: number;
  consecutive: number;
  created_by: string;
  created_at: Date;
}

interface StateRow {
  rule_id: string;
  node_id: string;
  met_in_a_row: number;
  active: boolean;
  last_value: number | null;
  last_sample_at: Date;
}

const toRule = (row: RuleRow): AlarmRule => ({
  id: row.id,
  clusterId: row.cluster_id,
  item: row.item,
  role: row.role,
  condition: row.condition,
  threshold: Number(row.threshold),
  consecutive: row.consecutive,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

const toState = (row: StateRow): AlarmState => ({
  ruleId: row.rule_id,
  nodeId: row.node_id,
  metInARow: row.met_in_a_row,
  active: row.active,
  lastValue: row.last_value === null ? null : Number(row.last_value),
  lastSampleAt: row.last_sample_at,
});

/**
 * The clusters' alarm rules (`cluster.alarm_rules`) and the evaluator's state per rule and node
 * (`cluster.alarm_states`). Validating a rule against the package is the caller's job.
 */
export class AlarmRuleStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a new rule. */
  async add(rule: AlarmRule): Promise<AlarmRule> {
    await this.dataSource.query(
      `INSERT INTO cluster.alarm_rules (id, cluster_id, item, role, condition, threshold, consecutive, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [rule.id, rule.clusterId, rule.item, rule.role, rule.condition, rule.threshold, rule.consecutive, rule.createdBy, rule.createdAt],
    );
    return rule;
  }

  /** The rules of a cluster, oldest first. */
  async rulesOf(clusterId: string): Promise<AlarmRule[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM cluster.alarm_rules WHERE cluster_id = $1 ORDER BY created_at, id`, [clusterId])) as RuleRow[];
    return rows.map(toRule);
  }

  /** Every rule of every cluster (the evaluator's scan). */
  async allRules(): Promise<AlarmRule[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM cluster.alarm_rules ORDER BY cluster_id, created_at, id`)) as RuleRow[];
    return rows.map(toRule);
  }

  /** Rule `ruleId` of cluster `clusterId`; `CLUSTER.ALARM_NOT_FOUND` when the cluster has no such rule. */
  async rule(clusterId: string, ruleId: string): Promise<AlarmRule> {
    const rows = (await this.dataSource.query(`SELECT * FROM cluster.alarm_rules WHERE cluster_id = $1 AND id = $2`, [clusterId, ruleId])) as RuleRow[];
    if (!rows[0]) throw new PitrixError('CLUSTER.ALARM_NOT_FOUND', `Cluster ${clusterId} has no alarm ${ruleId}`);
    return toRule(rows[0]);
  }

  /** Deletes a rule and its states; returns the states it had (the caller clears raised alarms). */
  async remove(clusterId: string, ruleId: string): Promise<AlarmState[]> {
    return this.dataSource.transaction(async (manager) => {
      const states = await statesOf(manager, [ruleId]);
      await manager.query(`DELETE FROM cluster.alarm_rules WHERE cluster_id = $1 AND id = $2`, [clusterId, ruleId]);
      return states;
    });
  }

  /** The states of some rules. */
  states(ruleIds: readonly string[]): Promise<AlarmState[]> {
    return statesOf(this.dataSource.manager, ruleIds);
  }

  /** Records the evaluator's state of a rule on a node (a deleted rule is left deleted). */
  async saveState(state: AlarmState): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO cluster.alarm_states (rule_id, node_id, met_in_a_row, active, last_value, last_sample_at)
       SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM cluster.alarm_rules WHERE id = $1)
       ON CONFLICT (rule_id, node_id) DO UPDATE SET met_in_a_row = excluded.met_in_a_row, active = excluded.active,
         last_value = excluded.last_value, last_sample_at = excluded.last_sample_at`,
      [state.ruleId, state.nodeId, state.metInARow, state.active, state.lastValue, state.lastSampleAt],
    );
  }
}

async function statesOf(manager: EntityManager, ruleIds: readonly string[]): Promise<AlarmState[]> {
  if (ruleIds.length === 0) return [];
  const rows = (await manager.query(`SELECT * FROM cluster.alarm_states WHERE rule_id = ANY($1::text[]) ORDER BY rule_id, node_id`, [ruleIds])) as StateRow[];
  return rows.map(toState);
}
