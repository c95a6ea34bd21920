import { Command, Option } from 'commander';
import { PitrixError } from '@pitrix/errors';
import { contextFrom } from '../../context.js';
import { ROLE_CHOICES, type UserView } from './user-queries.js';

const UPDATE = 'mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id login status roles primaryGroupId } }';

interface UpdateOptions {
  role?: string[];
  disable?: boolean;
  enable?: boolean;
  displayName?: string;
  email?: string;
  group?: string;
}

/** `pitrix user update <id>` (admin): roles, status, name, email or primary group. */
export function userUpdateCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('update')
    .argument('<id>', 'user id (usr-…)')
    .description('Change an account (admin)')
    .addOption(new Option('--role <role...>', 'replace the platform roles').choices(ROLE_CHOICES))
    .addOption(new Option('--disable', 'disable the account: its sessions and tokens stop working').conflicts('enable'))
    .option('--enable', 'enable a disabled account')
    .option('--display-name <name>', 'new display name')
    .option('--email <address>', 'new email address')
    .option('--group <group-id>', 'new primary group (grp-…)')
    .action(async (id: string, opts: UpdateOptions, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const status = opts.disable ? 'disabled' : opts.enable ? 'active' : undefined;
      const input = { roles: opts.role, status, displayName: opts.displayName, email: opts.email, primaryGroupId: opts.group };
      if (Object.values(input).every((value) => value === undefined)) {
        throw new PitrixError('INPUT.INVALID', 'nothing to change: give --role, --disable, --enable, --display-name, --email or --group');
      }
      const { updateUser } = await api.request<{ updateUser: Pick<UserView, 'id' | 'login' | 'status' | 'roles' | 'primaryGroupId'> }>(UPDATE, { id, input });
      out.result(updateUser, () => `updated user ${updateUser.id} (${updateUser.login}): ${updateUser.status}, roles ${updateUser.roles.join(', ') || '-'}, group ${updateUser.primaryGroupId ?? '-'}`);
    });
}
