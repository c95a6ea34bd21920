import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleWorkflows } from '../src/workflow-bundle.js';

const historiesDir = join(__dirname, './histories/');
const histories = readdirSync(historiesDir).filter((name) => name.endsWith('.json'));

/**
 * Every recorded history under test/histories is replayed against the current workflow code.
 * A change that would break a running workflow (a non-determinism) fails here.
 */
describe('replay of recorded workflow histories', () => {
  let workflowBundle: { code: string };

  beforeAll(async () => {
    workflowBundle = await bundleWorkflows('typescript');
  });

  it('has at least one recorded history per workflow kind', () => {
    expect(histories.length).toBeGreaterThan(0);
  });

  it.each(histories)('%s replays without a determinism error', async (name) => {
    const history: unknown = JSON.parse(readFileSync(`${historiesDir}${name}`, 'utf8'));
    await expect(Worker.runReplayHistory({ workflowBundle }, history, name)).resolves.toBeUndefined();
  });

  it('a change to the workflow code is detected', async () => {
    const skeleton = histories.find((name) => name.startsWith('skeleton.'));
    expect(skeleton).toBeDefined();
    const history: unknown = JSON.parse(readFileSync(`${historiesDir}${skeleton}`, 'utf8'));
    // The same history against a workflow that schedules a different activity must fail to replay.
    const altered = { code: workflowBundle.code.replace(/\brecordSkeletonRun\b/g, 'recordSkeletonRunV2') };
    expect(altered.code).not.toBe(workflowBundle.code);
    await expect(Worker.runReplayHistory({ workflowBundle: altered }, history, skeleton)).rejects.toMatchObject({
      name: 'DeterminismViolationError',
    });
  });
});
