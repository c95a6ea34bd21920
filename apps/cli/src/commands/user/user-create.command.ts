import { Command, Option } from 'commander';
import { contextFrom } from '../../context.js';
import { readSecretFromStdin } from '../../prompt.js';
import { ROLE_CHOICES, type UserView } from './user-queries.js';

const CREATE = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id login displayName email status roles primaryGroupId } }';

/** `pitrix user create <login> --role <r>...` (admin): without a password the account signs in only through SSO or tokens. */
export function userCreateCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('create')
    .argument('<login>', 'login name (lowercase)')
    .description('Create an account (admin)')
    .addOption(new Option('--role <role...>', 'platform roles').choices(ROLE_CHOICES).makeOptionMandatory())
    .option('--display-name <name>', 'name shown for the account')
    .option('--email <address>', 'email address')
    .option('--group <group-id>', 'primary group (grp-…): what the user creates is owned under it')
    .option('--password-stdin', 'read a password from stdin (at least 12 characters); without it the account has none')
    .action(async (login: string, opts: { role: string[]; displayName?: string; email?: string; group?: string; passwordStdin?: boolean }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const password = opts.passwordStdin ? await readSecretFromStdin('password') : undefined;
      const input = { login, roles: opts.role, displayName: opts.displayName, email: opts.email, primaryGroupId: opts.group, password };
      const { createUser } = await api.request<{ createUser: UserView }>(CREATE, { input });
      out.result(createUser, () => `created user ${createUser.id} (${createUser.login}; roles ${createUser.roles.join(', ')})`);
    });
}
