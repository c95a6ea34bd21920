import type { AlarmRule } from '@pitrix/cluster-store';
import { describe, expect, it } from 'vitest';
import { judgeSamples, meetsCondition } from '../src/index.js';

const RULE: AlarmRule = { id: 'alm-1', clusterId: 'cl-1', item: 'keys', role: 'primary', condition: 'GT', threshold: 2, consecutive: 2, createdBy: 'u', createdAt: new Date('2026-01-01T00:00:00Z') };
const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));
const samples = (...values: number[]) => values.map((value, index) => ({ value, collectedAt: at(index + 1) }));

describe('judging alarm rules', () => {
  it.each([
    ['GT', 3, 2, true],
    ['GT', 2, 2, false],
    ['GTE', 2, 2, true],
    ['LT', 1, 2, true],
    ['LT', 2, 2, false],
    ['LTE', 2, 2, true],
  ] as const)('%s: %d against %d is %s', (condition, value, threshold, meets) => {
    expect(meetsCondition(condition, value, threshold)).toBe(meets);
  });

  it.each([
    ['one sample over the threshold is not enough with consecutive 2', [3], [], 1, false],
    ['two in a row raise it once, on the second', [3, 4, 5], [['ClusterAlarmRaised', 4]], 3, true],
    ['a sample back under the threshold resets the count', [3, 1, 3], [], 1, false],
    ['raised, then cleared by the first sample under it', [3, 3, 1], [['ClusterAlarmRaised', 3], ['ClusterAlarmCleared', 1]], 0, false],
  ] as const)('%s', (_name, values, events, metInARow, active) => {
    const judged = judgeSamples(RULE, 'n1', undefined, samples(...values));
    expect(judged.events.map(({ event }) => [event.type, (event as { value: number }).value])).toEqual(events);
    expect(judged.state).toMatchObject({ ruleId: 'alm-1', nodeId: 'n1', metInARow, active, lastSampleAt: at(values.length) });
  });

  it('carries the count and the raised alarm over from the last evaluation', () => {
    const first = judgeSamples(RULE, 'n1', undefined, samples(3));
    const second = judgeSamples(RULE, 'n1', first.state, [{ value: 3, collectedAt: at(9) }]);
    expect(second.events.map(({ event }) => event.type)).toEqual(['ClusterAlarmRaised']);
    expect(judgeSamples(RULE, 'n1', second.state, [{ value: 5, collectedAt: at(10) }]).events).toEqual([]);
  });

  it('keys each event by the sample that caused it, so judging the same samples again appends nothing new', () => {
    const once = judgeSamples(RULE, 'n1', undefined, samples(3, 3));
    const again = judgeSamples(RULE, 'n1', undefined, samples(3, 3));
    expect(once.events.map((event) => event.key)).toEqual([`cluster/cl-1/alarm/alm-1/n1/raised/${at(2).toISOString()}`]);
    expect(again.events.map((event) => event.key)).toEqual(once.events.map((event) => event.key));
  });

  it('without new samples keeps the state as it was', () => {
    const previous = { ruleId: 'alm-1', nodeId: 'n1', metInARow: 4, active: true, lastValue: 9, lastSampleAt: at(5) };
    expect(judgeSamples(RULE, 'n1', previous, [])).toEqual({ state: previous, events: [] });
  });
});
