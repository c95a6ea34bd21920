import { Command } from 'commander';
import { runOperation, WAIT_OPTION } from './run-operation.js';

/** `pitrix job retry <id>`: resumes a failed job from its failed layer (a Temporal reset). */
export function jobRetryCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('retry')
    .argument('<id>', 'failed job id')
    .description('Resume a failed job from its failed layer; completed tasks do not run again')
    .option(...WAIT_OPTION)
    .action(async (id: string, opts: { wait?: boolean }, command: Command) => {
      await runOperation(command, env, { mutation: 'retryJob', variables: { id }, types: { id: 'ID!' } }, opts);
    });
}
