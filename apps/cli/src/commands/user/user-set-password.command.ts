import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { readSecret } from '../../prompt.js';

/** `pitrix user set-password <id>` (admin): the password comes from stdin or is typed twice, never from the command line. */
export function userSetPasswordCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('set-password')
    .argument('<id>', 'user id (usr-…)')
    .description("Set an account's password (admin)")
    .option('--password-stdin', 'read the password from stdin (at least 12 characters)')
    .action(async (id: string, opts: { passwordStdin?: boolean }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const password = await readSecret('new password', { fromStdin: opts.passwordStdin, confirm: true });
      await api.request<{ setUserPassword: boolean }>('mutation($id: ID!, $password: String!) { setUserPassword(id: $id, password: $password) }', { id, password });
      out.result({ id, passwordSet: true }, () => `set the password of ${id}`);
    });
}
