import { Command } from 'commander';
import { packageCommand } from './commands/package/package.command.js';
import { skeletonCommand } from './commands/skeleton.command.js';
import { statusCommand } from './commands/status.command.js';

/** Builds the `pitrix` command tree; each command lives in its own file under commands/. */
export function buildProgram(env: NodeJS.ProcessEnv): Command {
  const program = new Command('pitrix')
    .description('Pitrix: run any application, at any scale, on any infrastructure')
    .option('--api <url>', 'GraphQL endpoint of the Pitrix API (default from PITRIX_API_URL or PITRIX_API_HOST/PORT)')
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError();
  program.addCommand(statusCommand(env));
  program.addCommand(skeletonCommand(env));
  program.addCommand(packageCommand(env));
  return program;
}
