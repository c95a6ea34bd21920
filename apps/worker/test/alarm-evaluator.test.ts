import type { NodeState } from '@pitrix/cluster-model';
import { AlarmRuleStore, ClusterEventStore, clusterSchema, projectionSnapshot } from '@pitrix/cluster-store';
import { agentsSchema, systemSchema } from '@pitrix/db';
import { createTestDatabase, type TestDatabase } from '@pitrix/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlarmEvaluator, type AlarmEvaluator } from '../src/index.js';

const node = (nodeId: string, role: string): NodeState => ({
  nodeId, role, baseRole: role, serverId: 1, groupId: 1, instanceId: 'i-1', privateIp: '127.0.0.9', volumeId: null,
  cpu: 1, memoryMiB: 512, gpu: 0, volumeSizeGiB: 10, status: 'active', token: null, pubKey: null,
});

describe('the alarm evaluator on the real PostgreSQL', () => {
  let db: TestDatabase;
  let events: ClusterEventStore;
  let rules: AlarmRuleStore;
  let evaluators: AlarmEvaluator[] = [];
  const errors: string[] = [];
  let clock = Date.parse('2026-05-01T00:00:00.000Z');

  /** Records one sample of `keys` on a node, one second after the previous one, as the agent monitor does. */
  const sample = (nodeId: string, role: string, value: number) =>
    db.dataSource.query(`INSERT INTO agents.monitor_samples (cluster_id, node_id, role, item, collected_at, value_number) VALUES ('cl-a', $1, $2, 'keys', $3, $4)`, [
      nodeId,
      role,
      new Date((clock += 1_000)),
      value,
    ]);
  const alarmEvents = async () =>
    ((await events.eventsOf('cl-a')).map((stored) => stored.event).filter((event) => event.type.startsWith('ClusterAlarm')) as Array<{ type: string; nodeId: string; value: number | null }>).map(
      (event) => [event.type, event.nodeId, event.value],
    );
  const scanAll = () => Promise.all(evaluators.map((evaluator) => evaluator.scan()));

  beforeAll(async () => {
    db = await createTestDatabase('alarm_evaluator', [systemSchema, agentsSchema, clusterSchema]);
    events = new ClusterEventStore(db.dataSource);
    rules = new AlarmRuleStore(db.dataSource);
    await events.append([
      { clusterId: 'cl-a', key: 'cl-a/created', event: { type: 'ClusterCreated', name: 'kv', description: '', appId: 'app', versionId: 'appv', runtimeId: 'rt', owner: 'u', ownerPath: 'u' } },
      { clusterId: 'cl-a', key: 'cl-a/n1', event: { type: 'NodeAdded', node: node('n1', 'primary') } },
      { clusterId: 'cl-a', key: 'cl-a/n2', event: { type: 'NodeAdded', node: node('n2', 'replica') } },
    ]);
    await rules.add({ id: 'alm-keys', clusterId: 'cl-a', item: 'keys', role: 'primary', condition: 'GT', threshold: 2, consecutive: 2, createdBy: 'u', createdAt: new Date(clock) });
    // Two workers: the advisory lock lets one judge at a time, and neither appends an event twice.
    const deps = { dataSource: db.dataSource, rules, events, scanMs: 3_600_000, onError: (message: string) => errors.push(message) };
    evaluators = [startAlarmEvaluator(deps), startAlarmEvaluator(deps)];
  });
  afterAll(async () => {
    await Promise.all(evaluators.map((evaluator) => evaluator.stop()));
    await db?.drop();
  });

  it('raises after `consecutive` samples over the threshold on the rule’s role only, once', async () => {
    await sample('n1', 'primary', 3);
    await sample('n2', 'replica', 50);
    await scanAll();
    expect(await alarmEvents()).toEqual([]);
    await sample('n1', 'primary', 4);
    await scanAll();
    await scanAll();
    expect(await alarmEvents()).toEqual([['ClusterAlarmRaised', 'n1', 4]]);
    expect((await rules.states(['alm-keys'])).map((state) => [state.nodeId, state.active, state.metInARow])).toEqual([['n1', true, 2]]);
    expect(errors).toEqual([]);
  });

  it('clears at the first sample that no longer meets the condition', async () => {
    await sample('n1', 'primary', 5);
    await sample('n1', 'primary', 1);
    await scanAll();
    expect(await alarmEvents()).toEqual([['ClusterAlarmRaised', 'n1', 4], ['ClusterAlarmCleared', 'n1', 1]]);
  });

  it('clears an alarm raised on a node that is then deleted', async () => {
    await sample('n1', 'primary', 9);
    await sample('n1', 'primary', 9);
    await scanAll();
    await events.append([{ clusterId: 'cl-a', key: 'cl-a/n1/deleted', event: { type: 'NodeChanged', nodeId: 'n1', changes: { status: 'deleted' } } }]);
    await scanAll();
    expect((await alarmEvents()).slice(2)).toEqual([['ClusterAlarmRaised', 'n1', 9], ['ClusterAlarmCleared', 'n1', null]]);
    expect(errors).toEqual([]);
  });

  it('alarm events leave the read models alone, and a rebuild replays them without a change', async () => {
    const before = await projectionSnapshot(db.dataSource);
    await events.rebuildProjections();
    expect(await projectionSnapshot(db.dataSource)).toEqual(before);
  });

  it('deleting a rule deletes its states', async () => {
    expect((await rules.remove('cl-a', 'alm-keys')).map((state) => state.nodeId)).toEqual(['n1']);
    expect(await rules.states(['alm-keys'])).toEqual([]);
    await expect(rules.rule('cl-a', 'alm-keys')).rejects.toMatchObject({ code: 'CLUSTER.ALARM_NOT_FOUND' });
  });
});
