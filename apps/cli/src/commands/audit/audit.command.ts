import { Command } from 'commander';
import { auditListCommand } from './audit-list.command.js';

/** `pitrix audit ...`: the security audit log (admin). */
export function auditCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('audit').description('The security audit log (admin)').addCommand(auditListCommand(env));
}
