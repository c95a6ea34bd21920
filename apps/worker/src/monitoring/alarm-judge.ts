import type { AlarmCondition, ClusterEvent } from '@pitrix/cluster-model';
import type { AlarmRule, AlarmState } from '@pitrix/cluster-store';

/** One sample of a rule's item on a node, oldest first. */
export interface JudgedSample {
  readonly value: number;
  readonly collectedAt: Date;
}

/** What judging a node's new samples gives: its new state and the alarm events to append, each with its key. */
export interface AlarmJudgement {
  readonly state: AlarmState;
  readonly events: ReadonlyArray<{ readonly key: string; readonly event: ClusterEvent }>;
}

/** Whether `value` meets `condition threshold`. */
export function meetsCondition(condition: AlarmCondition, value: number, threshold: number): boolean {
  switch (condition) {
    case 'GT':
      return value > threshold;
    case 'GTE':
      return value >= threshold;
    case 'LT':
      return value < threshold;
    case 'LTE':
      return value <= threshold;
  }
}

/**
 * Walks a node's new samples in order: each that meets the rule's condition counts one more in a
 * row, any other resets the count. The alarm is raised when the count reaches `consecutive` and
 * cleared by the first sample that does not meet the condition. Pure: the evaluator stores the
 * state and appends the events, whose keys name the sample that caused them, so judging the same
 * samples again appends nothing twice.
 */
export function judgeSamples(rule: AlarmRule, nodeId: string, previous: AlarmState | undefined, samples: readonly JudgedSample[]): AlarmJudgement {
  let metInARow = previous?.metInARow ?? 0;
  let active = previous?.active ?? false;
  let last = previous;
  const events: Array<{ key: string; event: ClusterEvent }> = [];
  const base = { alarmId: rule.id, nodeId, item: rule.item, threshold: rule.threshold, condition: rule.condition };
  for (const sample of samples) {
    const meets = meetsCondition(rule.condition, sample.value, rule.threshold);
    metInARow = meets ? metInARow + 1 : 0;
    const key = (what: string) => `cluster/${rule.clusterId}/alarm/${rule.id}/${nodeId}/${what}/${sample.collectedAt.toISOString()}`;
    if (!active && metInARow >= rule.consecutive) {
      active = true;
      events.push({ key: key('raised'), event: { type: 'ClusterAlarmRaised', ...base, value: sample.value } });
    } else if (active && !meets) {
      active = false;
      events.push({ key: key('cleared'), event: { type: 'ClusterAlarmCleared', ...base, value: sample.value } });
    }
    last = { ruleId: rule.id, nodeId, metInARow, active, lastValue: sample.value, lastSampleAt: sample.collectedAt };
  }
  return { state: last ?? { ruleId: rule.id, nodeId, metInARow, active, lastValue: null, lastSampleAt: rule.createdAt }, events };
}
