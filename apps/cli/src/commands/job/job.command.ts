import { Command } from 'commander';
import { jobCancelCommand } from './job-cancel.command.js';
import { jobListCommand } from './job-list.command.js';
import { jobReplayCommand } from './job-replay.command.js';
import { jobRetryCommand } from './job-retry.command.js';
import { jobRollbackCommand } from './job-rollback.command.js';
import { jobShowCommand } from './job-show.command.js';
import { jobWatchCommand } from './job-watch.command.js';

/** `pitrix job ...`. */
export function jobCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('job')
    .description('Jobs: cluster operations and their tasks')
    .addCommand(jobListCommand(env))
    .addCommand(jobShowCommand(env))
    .addCommand(jobWatchCommand(env))
    .addCommand(jobRetryCommand(env))
    .addCommand(jobRollbackCommand(env))
    .addCommand(jobCancelCommand(env))
    .addCommand(jobReplayCommand(env));
}
