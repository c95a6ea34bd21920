import { Command } from 'commander';
import { appListCommand } from './app-list.command.js';
import { appShowCommand } from './app-show.command.js';
import { appVersionsCommand } from './app-versions.command.js';

/** `pitrix app ...`. */
export function appCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('app').description('Apps of the catalog').addCommand(appListCommand(env)).addCommand(appShowCommand(env)).addCommand(appVersionsCommand(env));
}
