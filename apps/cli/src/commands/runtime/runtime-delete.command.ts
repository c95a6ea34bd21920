import { Command } from 'commander';
import { contextFrom } from '../../context.js';

/** `pitrix runtime delete <id>`: refused while clusters live on it. */
export function runtimeDeleteCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('delete')
    .argument('<id>', 'runtime id')
    .description('Delete a runtime that has no clusters')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { deleteRuntime } = await api.request<{ deleteRuntime: { id: string } }>(`mutation($id: ID!) { deleteRuntime(id: $id) { id } }`, { id });
      out.result(deleteRuntime, () => `deleted runtime ${deleteRuntime.id}`);
    });
}
