import { Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql, type ResultOf, type VariablesOf } from '../graphql.js';
import { ErrorNotice } from './ErrorNotice.js';
import { Loading } from './states.js';
import { TaskDag, type DagLayer } from './TaskDag.js';

const PLAN_QUERY = graphql(`
  query PlanClusterOperation($input: ClusterOperationPlanInput!) {
    planClusterOperation(input: $input) {
      operation
      action
      clusterId
      placement {
        runtimeId
        reason
      }
      layers {
        index
        tasks {
          # Aliased so the normalised cache keeps plan tasks inside their plan: a plan's provisional
          # task ids may equal a real job's, and must never overwrite that job's task statuses.
          taskId: id
          title
          type
          nodeId
          allowedFailure
        }
      }
    }
  }
`);

export type PlanInput = VariablesOf<typeof PLAN_QUERY>['input'];
export type OperationPlan = ResultOf<typeof PLAN_QUERY>['planClusterOperation'];

/** A plan's layers as TaskDag draws them: the task's title, and the node it runs on (or its kind). */
export function planLayers(plan: OperationPlan): DagLayer[] {
  return plan.layers.map((layer) => ({
    tasks: layer.tasks.map((task) => ({ id: task.taskId, label: task.title, detail: task.nodeId ? `${task.type} · ${task.nodeId}` : task.type })),
  }));
}

/**
 * The plan of a cluster operation (or of a deploy), drawn as the DAG its job would run. Starts nothing.
 *
 * Props:
 * - `input`: the `planClusterOperation` input, exactly as the mutation's arguments would be
 *   (`{ operation: 'STOP', clusterId }`, `{ operation: 'CREATE', create: { appVersionId, values } }`, ...).
 *   Changes are debounced, so it can follow a form as the user types.
 * - `onPlan(plan)`: called with each plan the API returns, and with `undefined` while a new one is
 *   loading or when the API refused (its error, field problems included, is shown here) — enable a
 *   confirm button only while a plan is there.
 */
export function PlanPreview({ input, onPlan }: { input: PlanInput; onPlan?: (plan: OperationPlan | undefined) => void }) {
  const key = JSON.stringify(input);
  const [debouncedKey] = useDebouncedValue(key, 300);
  const variables = useMemo(() => ({ input: JSON.parse(debouncedKey) as PlanInput }), [debouncedKey]);
  // A plan is of the cluster's state now: never an old one from the cache.
  const [{ data, error, fetching }] = useQuery({ query: PLAN_QUERY, variables, requestPolicy: 'network-only' });
  const stale = fetching || key !== debouncedKey;
  const plan = stale || error ? undefined : data?.planClusterOperation;

  useEffect(() => onPlan?.(plan), [plan, onPlan]);

  if (stale) return <Loading label="Planning…" />;
  if (error) return <ErrorNotice error={error} title="This operation cannot run" />;
  if (!plan) return <Loading label="Planning…" />;
  const taskCount = plan.layers.reduce((sum, layer) => sum + layer.tasks.length, 0);
  return (
    <Stack gap="xs" data-testid="plan-preview">
      <Text size="sm">
        {plan.action}: {taskCount} task{taskCount === 1 ? '' : 's'} in {plan.layers.length} layer{plan.layers.length === 1 ? '' : 's'}
        {plan.placement ? ` on runtime ${plan.placement.runtimeId} (${plan.placement.reason})` : ''}
      </Text>
      <TaskDag layers={planLayers(plan)} label={`Plan of ${plan.action}`} height={280} />
    </Stack>
  );
}
