import { Command } from 'commander';
import { contextFrom } from '../../context.js';

/** `pitrix category delete <id>` (admin). */
export function categoryDeleteCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('delete')
    .argument('<id>', 'category id')
    .description('Delete a catalog category (admin)')
    .action(async (id: string, _opts: unknown, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { deleteCategory } = await api.request<{ deleteCategory: { id: string } }>(`mutation($id: ID!) { deleteCategory(id: $id) { id } }`, { id });
      out.result(deleteCategory, () => `deleted category ${deleteCategory.id}`);
    });
}
