import { Command } from 'commander';
import { contextFrom } from '../../context.js';

/** `pitrix group delete <id>` (admin). */
export function groupDeleteCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('delete')
    .argument('<id>', 'group id (grp-…)')
    .description('Delete a group (admin)')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      await api.request<{ deleteGroup: boolean }>('mutation($id: ID!) { deleteGroup(id: $id) }', { id });
      out.result({ id, deleted: true }, () => `deleted group ${id}`);
    });
}
