import { Command } from 'commander';
import { adminCommand } from './commands/admin/admin.command.js';
import { clusterCommand } from './commands/cluster/cluster.command.js';
import { jobCommand } from './commands/job/job.command.js';
import { appCommand } from './commands/app/app.command.js';
import { auditCommand } from './commands/audit/audit.command.js';
import { loginCommand } from './commands/auth/login.command.js';
import { logoutCommand } from './commands/auth/logout.command.js';
import { whoamiCommand } from './commands/auth/whoami.command.js';
import { groupCommand } from './commands/group/group.command.js';
import { tokenCommand } from './commands/token/token.command.js';
import { userCommand } from './commands/user/user.command.js';
import { credentialCommand } from './commands/credential/credential.command.js';
import { providerListCommand } from './commands/runtime/provider-list.command.js';
import { runtimeCommand } from './commands/runtime/runtime.command.js';
import { packageCommand } from './commands/package/package.command.js';
import { categoryCommand } from './commands/category/category.command.js';
import { repoCommand } from './commands/repo/repo.command.js';
import { skeletonCommand } from './commands/skeleton.command.js';
import { statusCommand } from './commands/status.command.js';
import { versionCommand } from './commands/version/version.command.js';

/** Builds the `pitrix` command tree; each command lives in its own file under commands/. */
export function buildProgram(env: NodeJS.ProcessEnv): Command {
  const program = new Command('pitrix')
    .description('Pitrix: run any application, at any scale, on any infrastructure')
    .option('--api <url>', 'GraphQL endpoint of the Pitrix API (default from PITRIX_API_URL or PITRIX_API_HOST/PORT)')
    .option('--json', 'print machine-readable JSON')
    .addHelpText('after', '\nThe CLI\'s own version: pitrix --version (or -V).')
    .showHelpAfterError();
  program.addCommand(loginCommand(env));
  program.addCommand(logoutCommand(env));
  program.addCommand(whoamiCommand(env));
  program.addCommand(tokenCommand(env));
  program.addCommand(statusCommand(env));
  program.addCommand(skeletonCommand(env));
  program.addCommand(providerListCommand(env));
  program.addCommand(runtimeCommand(env));
  program.addCommand(credentialCommand(env));
  program.addCommand(packageCommand(env));
  program.addCommand(clusterCommand(env));
  program.addCommand(jobCommand(env));
  program.addCommand(adminCommand(env));
  program.addCommand(repoCommand(env));
  program.addCommand(appCommand(env));
  program.addCommand(categoryCommand(env));
  program.addCommand(versionCommand(env));
  program.addCommand(userCommand(env));
  program.addCommand(groupCommand(env));
  program.addCommand(auditCommand(env));
  return program;
}
