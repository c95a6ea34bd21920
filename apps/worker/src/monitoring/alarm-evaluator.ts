import type { AlarmRule, AlarmRuleStore, AlarmState, ClusterEventStore } from '@pitrix/cluster-store';
import type { DataSource } from 'typeorm';
import { judgeSamples, type JudgedSample } from './alarm-judge.js';
import { startPeriodicScan, type PeriodicScan } from '../periodic-scan.js';

/** What the alarm evaluator needs. */
export interface AlarmEvaluatorDeps {
  readonly dataSource: DataSource;
  readonly rules: AlarmRuleStore;
  readonly events: ClusterEventStore;
  /** How often it evaluates (`PITRIX_ALARM_SCAN_MS`). */
  readonly scanMs: number;
  readonly onError: (message: string) => void;
}

/** A running alarm evaluator: `scan()` runs one now. */
export type AlarmEvaluator = PeriodicScan;

// One evaluator judges at a time however many workers run (the resurrector's lock is 0x70697478).
const EVALUATE_LOCK = 0x7069_616c;
/** Samples read per rule and scan; a backlog is worked off over the next scans. */
const SAMPLES_PER_SCAN = 10_000;

/**
 * Every `scanMs`, compares the monitor samples that arrived since the last evaluation with every
 * cluster's alarm rules and appends `ClusterAlarmRaised` / `ClusterAlarmCleared` events. A rule
 * judges only samples newer than the one it judged last on each node (from when the rule was
 * set), so a restart neither misses nor repeats an alarm. An alarm raised on a node that is then
 * deleted is cleared (value null).
 */
export function startAlarmEvaluator(deps: AlarmEvaluatorDeps): AlarmEvaluator {
  return startPeriodicScan(deps.scanMs, 'evaluation', () => scanOnce(deps), deps.onError);
}

async function scanOnce(deps: AlarmEvaluatorDeps): Promise<void> {
  const runner = deps.dataSource.createQueryRunner();
  await runner.connect();
  try {
    // A session lock held while judging: the events go through the event store's own transactions.
    const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [EVALUATE_LOCK])) as [{ locked: boolean }];
    if (!locked) return;
    try {
      await evaluateAll(deps);
    } finally {
      await runner.query(`SELECT pg_advisory_unlock($1)`, [EVALUATE_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

async function evaluateAll(deps: AlarmEvaluatorDeps): Promise<void> {
  const rules = await deps.rules.allRules();
  const states = await deps.rules.states(rules.map((rule) => rule.id));
  for (const rule of rules) {
    const known = new Map(states.filter((state) => state.ruleId === rule.id).map((state) => [state.nodeId, state]));
    await evaluateRule(deps, rule, known);
  }
}

async function evaluateRule(deps: AlarmEvaluatorDeps, rule: AlarmRule, known: ReadonlyMap<string, AlarmState>): Promise<void> {
  const samples = await newSamples(deps.dataSource, rule);
  for (const [nodeId, nodeSamples] of samples) {
    const judgement = judgeSamples(rule, nodeId, known.get(nodeId), nodeSamples);
    // Events first: if saving the state fails, the same samples are judged again and their keys are known.
    await deps.events.append(judgement.events.map(({ key, event }) => ({ clusterId: rule.clusterId, key, event })));
    await deps.rules.saveState(judgement.state);
  }
  await clearGoneNodes(deps, rule, [...known.values()].filter((state) => state.active && !samples.has(state.nodeId)));
}

/** Clears the raised alarms of nodes that are deleted or gone from the cluster: they will never report again. */
async function clearGoneNodes(deps: AlarmEvaluatorDeps, rule: AlarmRule, raised: readonly AlarmState[]): Promise<void> {
  if (raised.length === 0) return;
  const rows = (await deps.dataSource.query(`SELECT node_id FROM cluster.nodes WHERE cluster_id = $1 AND status <> 'deleted' AND node_id = ANY($2::text[])`, [
    rule.clusterId,
    raised.map((state) => state.nodeId),
  ])) as Array<{ node_id: string }>;
  const live = new Set(rows.map((row) => row.node_id));
  for (const state of raised.filter((one) => !live.has(one.nodeId))) {
    const event = { type: 'ClusterAlarmCleared' as const, alarmId: rule.id, nodeId: state.nodeId, item: rule.item, value: null, threshold: rule.threshold, condition: rule.condition };
    await deps.events.append([{ clusterId: rule.clusterId, key: `cluster/${rule.clusterId}/alarm/${rule.id}/${state.nodeId}/node-gone`, event }]);
    await deps.rules.saveState({ ...state, active: false, metInARow: 0 });
  }
}

/** The rule's item samples newer than those judged on each node (numbers only), by node, oldest first. */
async function newSamples(dataSource: DataSource, rule: AlarmRule): Promise<Map<string, JudgedSample[]>> {
  const rows = (await dataSource.query(
    `SELECT s.node_id, s.collected_at, s.value_number
     FROM agents.monitor_samples s
     LEFT JOIN cluster.alarm_states st ON st.rule_id = $1 AND st.node_id = s.node_id
     WHERE s.cluster_id = $2 AND s.item = $3 AND s.value_number IS NOT NULL
       AND ($4::text IS NULL OR s.role = $4 OR s.role = $4 || '-replica')
       AND s.collected_at > coalesce(st.last_sample_at, $5)
     ORDER BY s.collected_at, s.node_id
     LIMIT ${SAMPLES_PER_SCAN}`,
    [rule.id, rule.clusterId, rule.item, rule.role, rule.createdAt],
  )) as Array<{ node_id: string; collected_at: Date; value_number: number }>;
  const byNode = new Map<string, JudgedSample[]>();
  for (const row of rows) {
    const list = byNode.get(row.node_id) ?? [];
    list.push({ value: Number(row.value_number), collectedAt: row.collected_at });
    byNode.set(row.node_id, list);
  }
  return byNode;
}
