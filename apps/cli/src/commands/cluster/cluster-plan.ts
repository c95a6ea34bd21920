import type { CommandContext } from '../../context.js';

/** The `planClusterOperation` input of an operation: its kind and the arguments its mutation takes. */
export interface PlanRequest {
  readonly operation: string;
  readonly [argument: string]: unknown;
}

/** A plan as the commands print it. */
export interface PlanView {
  operation: string;
  action: string;
  clusterId: string | null;
  placement: { runtimeId: string; reason: string } | null;
  newNodes: Array<{ id: string; role: string; serverId: number }>;
  layers: Array<{ index: number; tasks: Array<{ id: string; type: string; title: string; nodeId: string | null; allowedFailure: boolean }> }>;
}

const PLAN_QUERY = `query($input: ClusterOperationPlanInput!) { planClusterOperation(input: $input) {
  operation action clusterId placement { runtimeId reason } newNodes { id role serverId }
  layers { index tasks { id type title nodeId allowedFailure } } } }`;

/** Asks the API for an operation's plan (it checks everything the mutation checks and starts nothing) and prints it. */
export async function printPlan({ api, out }: CommandContext, request: PlanRequest): Promise<void> {
  const { planClusterOperation: plan } = await api.request<{ planClusterOperation: PlanView }>(PLAN_QUERY, { input: request });
  out.result(plan, () => planLines(plan).join('\n'));
}

/** A plan for people: a headline, then each layer (whose tasks run in parallel) with its tasks. */
export function planLines(plan: PlanView): string[] {
  const tasks = plan.layers.reduce((sum, layer) => sum + layer.tasks.length, 0);
  const target = plan.clusterId ?? 'a new cluster';
  const where = plan.placement ? ` on ${plan.placement.runtimeId} (${plan.placement.reason})` : '';
  const lines = [`plan: ${plan.action} of ${target}${where}: ${plan.layers.length} layers, ${tasks} tasks; nothing started (dry run)`];
  if (plan.newNodes.length > 0) lines.push(`new nodes: ${plan.newNodes.map((node) => `${node.id} (${node.role} #${node.serverId})`).join(', ')}`);
  for (const layer of plan.layers) {
    lines.push(`layer ${layer.index + 1}/${plan.layers.length}${layer.tasks.length > 1 ? ` (${layer.tasks.length} in parallel)` : ''}`);
    for (const task of layer.tasks) {
      const notes = [task.nodeId ? task.nodeId : '', task.allowedFailure ? 'may fail' : ''].filter((note) => note !== '');
      lines.push(`  ${task.type.padEnd(18)} ${task.title}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`);
    }
  }
  return lines;
}
