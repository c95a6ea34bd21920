import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import type { GroupView } from './group-queries.js';

/** `pitrix group create <name>` (admin): its id is grp-<name>. */
export function groupCreateCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('create')
    .argument('<name>', 'lowercase name; the group id is grp-<name>')
    .description('Create a group (admin)')
    .option('--display-name <name>', 'name shown for the group')
    .action(async (name: string, opts: { displayName?: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { createGroup } = await api.request<{ createGroup: GroupView }>('mutation($input: CreateGroupInput!) { createGroup(input: $input) { id name displayName } }', {
        input: { name, displayName: opts.displayName },
      });
      out.result(createGroup, () => `created group ${createGroup.id}`);
    });
}
