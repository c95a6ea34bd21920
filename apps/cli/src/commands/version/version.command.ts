import { Command } from 'commander';
import { versionAuditsCommand } from './version-audits.command.js';
import { versionCancelCommand } from './version-cancel.command.js';
import { versionDeleteCommand } from './version-delete.command.js';
import { versionPassCommand } from './version-pass.command.js';
import { versionRecoverCommand } from './version-recover.command.js';
import { versionRejectCommand } from './version-reject.command.js';
import { versionReleaseCommand } from './version-release.command.js';
import { versionReviewCommand } from './version-review.command.js';
import { versionSubmitCommand } from './version-submit.command.js';
import { versionSuspendCommand } from './version-suspend.command.js';

/** `pitrix version ...`: the review and publishing life of a version. */
export function versionCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('version')
    .description('Review and publish app versions')
    .addCommand(versionSubmitCommand(env))
    .addCommand(versionCancelCommand(env))
    .addCommand(versionReviewCommand(env))
    .addCommand(versionPassCommand(env))
    .addCommand(versionRejectCommand(env))
    .addCommand(versionReleaseCommand(env))
    .addCommand(versionSuspendCommand(env))
    .addCommand(versionRecoverCommand(env))
    .addCommand(versionDeleteCommand(env))
    .addCommand(versionAuditsCommand(env));
}
