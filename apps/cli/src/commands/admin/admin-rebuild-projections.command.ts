import { Command } from 'commander';
import { contextFrom } from '../../context.js';

/** `pitrix admin rebuild-projections`: rebuilds the cluster read models from the event store. */
export function adminRebuildProjectionsCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('rebuild-projections')
    .description('Rebuild every cluster read model (clusters, nodes, roles, endpoints, jobs, tasks) from the events')
    .action(async (_opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { rebuildProjections } = await api.request<{ rebuildProjections: { events: number } }>('mutation { rebuildProjections { events } }');
      out.result(rebuildProjections, () => `rebuilt the cluster read models from ${rebuildProjections.events} events`);
    });
}
