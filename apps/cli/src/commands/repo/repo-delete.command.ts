import { Command } from 'commander';
import { contextFrom } from '../../context.js';

/** `pitrix repo delete <id>`: refused while one of its versions is deployed. */
export function repoDeleteCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('delete')
    .argument('<id>', 'repo id')
    .description('Delete a repository with its apps and versions')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { deleteRepo } = await api.request<{ deleteRepo: { id: string } }>(`mutation($id: ID!) { deleteRepo(id: $id) { id } }`, { id });
      out.result(deleteRepo, () => `deleted repo ${deleteRepo.id}`);
    });
}
