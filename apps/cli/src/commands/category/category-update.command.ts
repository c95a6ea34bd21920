import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { CATEGORY_FIELDS, type CategoryView } from './category-queries.js';

/**
 * `pitrix category update <id> [--name n] [--description d]` (admin). The API replaces a category
 * whole, so what is not given is read first and sent back unchanged.
 */
export function categoryUpdateCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('update')
    .argument('<id>', 'category id')
    .description('Rename a catalog category or change its description (admin)')
    .option('--name <name>', 'new name')
    .option('--description <text>', 'new description')
    .action(async (id: string, opts: { name?: string; description?: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      if (opts.name === undefined && opts.description === undefined) throw new Error('category update: give --name, --description or both');
      const { category } = await api.request<{ category: CategoryView }>(`query($id: ID!) { category(id: $id) { ${CATEGORY_FIELDS} } }`, { id });
      const input = { name: opts.name ?? category.name, description: opts.description ?? category.description };
      const { updateCategory } = await api.request<{ updateCategory: CategoryView }>(`mutation($id: ID!, $input: CategoryInput!) { updateCategory(id: $id, input: $input) { ${CATEGORY_FIELDS} } }`, { id, input });
      out.result(updateCategory, () => `updated category ${updateCategory.id} (${updateCategory.name})`);
    });
}
