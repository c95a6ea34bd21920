import type { NewClusterEvent, NodeState } from '@pitrix/cluster-model';
import { systemSchema } from '@pitrix/db';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { createTestDatabase, type TestDatabase } from '@pitrix/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_EVENTS_CHANNEL, ClusterEventStore, ClusterReadModel, clusterSchema, JobSpecStore, PROJECTION_TABLES, projectionSnapshot } from '../src/index.js';

const node = (nodeId: string, serverId: number, role = 'master'): NodeState => ({
  nodeId, role, baseRole: role.replace(/-replica$/, ''), serverId, groupId: serverId, instanceId: null, privateIp: null, volumeId: null,
  cpu: 1, memoryMiB: 512, gpu: 0, volumeSizeGiB: 10, status: 'pending', token: null, pubKey: null,
});

/** The events of a create job: cluster, two nodes, a planned job whose tasks all succeed. */
function createJobEvents(clusterId: string, jobId: string): NewClusterEvent[] {
  const e = (key: string, event: NewClusterEvent['event']): NewClusterEvent => ({ clusterId, key: `${clusterId}/${key}`, event });
  return [
    e('created', { type: 'ClusterCreated', name: 'redis', description: '', appId: 'app-1', versionId: 'appv-1', runtimeId: 'rt-1', owner: 'usr-a', ownerPath: 'usr-a' }),
    e('job/started', { type: 'JobStarted', jobId, action: 'create', workflowId: `cluster-${clusterId}`, runId: 'run-1', owner: 'usr-a', previousStatus: 'pending' }),
    e('job/planned', { type: 'JobPlanned', jobId, plan: { layers: [['register'], ['run/1', 'run/2']], tasks: [
      { id: 'register', spec: { type: 'registerNodes', nodes: [] }, dependsOn: [], title: 'Register nodes' },
      { id: 'run/1', spec: { type: 'runInstance', nodeId: `cln-1${clusterId}` }, dependsOn: ['register'], title: 'Run #1' },
      { id: 'run/2', spec: { type: 'runInstance', nodeId: `cln-2${clusterId}` }, dependsOn: ['register'], title: 'Run #2' },
    ] } }),
    e('node/1', { type: 'NodeAdded', node: node(`cln-1${clusterId}`, 1) }),
    e('node/2', { type: 'NodeAdded', node: node(`cln-2${clusterId}`, 2) }),
    e('task/run1/started', { type: 'TaskStarted', jobId, taskId: 'run/1', attempt: 1 }),
    e('node/1/ip', { type: 'NodeChanged', nodeId: `cln-1${clusterId}`, changes: { instanceId: 'i-1', privateIp: '127.31.0.2', status: 'active' } }),
    e('task/run1/done', { type: 'TaskSucceeded', jobId, taskId: 'run/1' }),
    e('task/run2/failed', { type: 'TaskFailed', jobId, taskId: 'run/2', allowed: false, failure: { code: 'RUNTIME.QUOTA_EXCEEDED', message: 'no cpu' } }),
    e('job/failed', { type: 'JobCompleted', jobId, status: 'failed', failedTaskId: 'run/2', failure: { code: 'RUNTIME.QUOTA_EXCEEDED', message: 'no cpu' } }),
    e('status/failed', { type: 'ClusterStatusChanged', status: 'failed', transitionStatus: '', reason: 'TaskFailed', message: 'run/2: no cpu' }),
  ];
}

describe('cluster event store on the real PostgreSQL', () => {
  let db: TestDatabase;
  let store: ClusterEventStore;
  let reads: ClusterReadModel;

  beforeAll(async () => {
    db = await createTestDatabase('cluster_store', [systemSchema, clusterSchema]);
    store = new ClusterEventStore(db.dataSource);
    reads = new ClusterReadModel(db.dataSource);
  });
  afterAll(() => db.drop());

  it('projects events into clusters, nodes, roles, jobs and tasks', async () => {
    await store.append(createJobEvents('cl-a', 'job-a'));
    expect(await reads.cluster('cl-a')).toMatchObject({ status: 'failed', statusReason: 'TaskFailed', failedJobId: 'job-a', lastJobId: 'job-a' });
    expect((await reads.nodes('cl-a')).map((n) => [n.nodeId, n.status, n.privateIp])).toEqual([['cln-1cl-a', 'active', '127.31.0.2'], ['cln-2cl-a', 'pending', null]]);
    expect(await reads.roles('cl-a')).toEqual([{ role: 'master', nodeCount: 2, cpu: 1, memoryMiB: 512, volumeSizeGiB: 10 }]);
    expect(await reads.job('job-a')).toMatchObject({ status: 'failed', failedTaskId: 'run/2', layers: [['register'], ['run/1', 'run/2']] });
    expect((await reads.tasks('job-a')).map((t) => `${t.taskId}:${t.status}`)).toEqual(['register:pending', 'run/1:successful', 'run/2:failed']);
  });

  it('appending the same events again (a retried activity) adds nothing', async () => {
    const before = await db.dataSource.query(`SELECT count(*)::int AS n FROM cluster.events`);
    expect(await store.append(createJobEvents('cl-a', 'job-a'))).toEqual([]);
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM cluster.events`)).toEqual(before);
  });

  it('concurrent appends to one cluster keep every event and a consistent roles model', async () => {
    await store.append(createJobEvents('cl-b', 'job-b'));
    const adds = Array.from({ length: 20 }, (_, i) => store.append([{ clusterId: 'cl-b', key: `cl-b/extra/${i}`, event: { type: 'NodeAdded', node: node(`cln-x${i}`, 10 + i, 'worker') } }]));
    await Promise.all(adds);
    expect(await db.dataSource.query(`SELECT role, node_count FROM cluster.roles WHERE cluster_id = 'cl-b' ORDER BY role`)).toEqual([
      { role: 'master', node_count: 2 },
      { role: 'worker', node_count: 20 },
    ]);
  });

  it('rebuild-projections yields exactly the same read models', async () => {
    const before = await projectionSnapshot(db.dataSource);
    expect(Object.keys(before)).toEqual([...PROJECTION_TABLES]);
    expect(before['cluster.nodes']!.length).toBeGreaterThan(20);
    const { events } = await store.rebuildProjections(7);
    expect(events).toBeGreaterThan(30);
    expect(await projectionSnapshot(db.dataSource)).toEqual(before);
  });

  it('notifies listeners when events are committed', async () => {
    const listener = new Client({ connectionString: db.url });
    await listener.connect();
    try {
      await listener.query(`LISTEN ${CLUSTER_EVENTS_CHANNEL}`);
      const received = new Promise<string>((resolve) => listener.on('notification', (n) => resolve(n.payload ?? '')));
      await store.append([{ clusterId: 'cl-c', key: 'cl-c/created', event: { type: 'ClusterCreated', name: 'c', description: '', appId: 'a', versionId: 'v', runtimeId: 'r', owner: 'o', ownerPath: 'o' } }]);
      expect(JSON.parse(await received)).toMatchObject({ clusters: ['cl-c'] });
    } finally {
      await listener.end();
    }
  });

  it('job specs are sealed at rest and open only for their job', async () => {
    const specs = new JobSpecStore(db.dataSource, new SecretBox(parseKeyRing(`k:${randomBytes(32).toString('base64')}`)));
    await specs.save('job-s', { clusterId: 'cl-s', operation: { action: 'create', atomic: false }, owner: 'usr-a', ownerPath: 'usr-a', payload: { values: { env: { password: 'hunter2-in-values' } } } });
    const raw = JSON.stringify(await db.dataSource.query(`SELECT * FROM cluster.job_specs`));
    expect(raw).not.toContain('hunter2-in-values');
    expect((await specs.load('job-s')).payload).toEqual({ values: { env: { password: 'hunter2-in-values' } } });
    expect(await specs.load('job-missing').catch((err: { code: string }) => err.code)).toBe('CLUSTER.JOB_NOT_FOUND');
  });
});
