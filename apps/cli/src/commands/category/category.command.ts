import { Command } from 'commander';
import { categoryCreateCommand } from './category-create.command.js';
import { categoryDeleteCommand } from './category-delete.command.js';
import { categoryListCommand } from './category-list.command.js';
import { categoryUpdateCommand } from './category-update.command.js';

/** `pitrix category ...`: the catalog's categories (changing them needs admin). */
export function categoryCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('category')
    .description('Catalog categories')
    .addCommand(categoryListCommand(env))
    .addCommand(categoryCreateCommand(env))
    .addCommand(categoryUpdateCommand(env))
    .addCommand(categoryDeleteCommand(env));
}
