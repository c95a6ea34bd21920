import { Command } from 'commander';
import { repoAddCommand } from './repo-add.command.js';
import { repoDeleteCommand } from './repo-delete.command.js';
import { repoEventsCommand } from './repo-events.command.js';
import { repoIndexCommand } from './repo-index.command.js';
import { repoListCommand } from './repo-list.command.js';
import { repoUpdateCommand } from './repo-update.command.js';

/** `pitrix repo ...`. */
export function repoCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('repo')
    .description('Package repositories and their indexing')
    .addCommand(repoAddCommand(env))
    .addCommand(repoListCommand(env))
    .addCommand(repoUpdateCommand(env))
    .addCommand(repoIndexCommand(env))
    .addCommand(repoEventsCommand(env))
    .addCommand(repoDeleteCommand(env));
}
