import { Command } from 'commander';
import { runOperation, WAIT_OPTION } from './run-operation.js';

/** `pitrix job rollback <id>`: undoes what a failed job completed, as a new job. */
export function jobRollbackCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('rollback')
    .argument('<id>', 'failed job id')
    .description('Undo what a failed job completed, in reverse order')
    .option(...WAIT_OPTION)
    .action(async (id: string, opts: { wait?: boolean }, command: Command) => {
      await runOperation(command, env, { mutation: 'rollbackJob', variables: { id }, types: { id: 'ID!' } }, opts);
    });
}
