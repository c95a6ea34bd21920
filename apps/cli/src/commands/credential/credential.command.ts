import { Command } from 'commander';
import { credentialCreateCommand } from './credential-create.command.js';
import { credentialDeleteCommand } from './credential-delete.command.js';
import { credentialListCommand } from './credential-list.command.js';
import { credentialShowCommand } from './credential-show.command.js';
import { credentialUpdateCommand } from './credential-update.command.js';
import { credentialValidateCommand } from './credential-validate.command.js';

/** `pitrix credential ...`. */
export function credentialCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('credential')
    .description('Runtime credentials (sealed at rest, never shown)')
    .addCommand(credentialListCommand(env))
    .addCommand(credentialShowCommand(env))
    .addCommand(credentialCreateCommand(env))
    .addCommand(credentialUpdateCommand(env))
    .addCommand(credentialDeleteCommand(env))
    .addCommand(credentialValidateCommand(env));
}
