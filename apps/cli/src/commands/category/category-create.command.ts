import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { CATEGORY_FIELDS, type CategoryView } from './category-queries.js';

/** `pitrix category create --name n [--description d]` (admin). */
export function categoryCreateCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('create')
    .description('Create a catalog category (admin)')
    .requiredOption('--name <name>', 'category name')
    .option('--description <text>', 'description', '')
    .action(async (opts: { name: string; description: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { createCategory } = await api.request<{ createCategory: CategoryView }>(`mutation($input: CategoryInput!) { createCategory(input: $input) { ${CATEGORY_FIELDS} } }`, { input: opts });
      out.result(createCategory, () => `created category ${createCategory.id} (${createCategory.name})`);
    });
}
