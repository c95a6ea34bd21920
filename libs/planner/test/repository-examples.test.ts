import type { ClusterState } from '@pitrix/cluster-model';
import { describe, expect, it } from 'vitest';
import { planJob } from '../src/index.js';
import { renderRepositoryExample } from './fixtures/examples.js';

const pending: ClusterState = { clusterId: 'cl-example', name: 'example', appId: 'app-1', versionId: 'appv-1', runtimeId: 'rt-1', status: 'pending', placement: null, nodes: [] };

describe('the repository example packages plan cleanly', () => {
  it.each(['redis-cluster', 'nats-cluster', 'kv-store', 'web-app'])('%s: create puts every hook after its node exists and its metadata is written', (name) => {
    const plan = planJob({ jobId: 'job-example', operation: { action: 'create', atomic: false }, blueprint: renderRepositoryExample(name), state: pending });
    const layerOf = new Map(plan.layers.flatMap((ids, index) => ids.map((id) => [id, index] as const)));
    const firstMetadata = Math.min(...plan.tasks.filter((t) => t.spec.type === 'writeMetadata').map((t) => layerOf.get(t.id) ?? Infinity));
    const commands = plan.tasks.filter((t) => t.spec.type === 'runCommand');
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(layerOf.get(command.id)).toBeGreaterThan(firstMetadata);
    expect(plan.tasks.filter((t) => t.spec.type === 'runInstance').length).toBeGreaterThan(0);
  });
});
