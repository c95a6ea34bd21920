import { Command } from 'commander';
import { runtimeCreateCommand } from './runtime-create.command.js';
import { runtimeDeleteCommand } from './runtime-delete.command.js';
import { runtimeListCommand } from './runtime-list.command.js';
import { runtimeReleaseMeltdownCommand } from './runtime-release-meltdown.command.js';
import { runtimeShowCommand } from './runtime-show.command.js';
import { runtimeUpdateCommand } from './runtime-update.command.js';
import { runtimeValidateCommand } from './runtime-validate.command.js';
import { runtimeZonesCommand } from './runtime-zones.command.js';

/** `pitrix runtime ...`. */
export function runtimeCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('runtime')
    .description('Runtimes: places to deploy')
    .addCommand(runtimeListCommand(env))
    .addCommand(runtimeShowCommand(env))
    .addCommand(runtimeCreateCommand(env))
    .addCommand(runtimeUpdateCommand(env))
    .addCommand(runtimeValidateCommand(env))
    .addCommand(runtimeDeleteCommand(env))
    .addCommand(runtimeZonesCommand(env))
    .addCommand(runtimeReleaseMeltdownCommand(env));
}
