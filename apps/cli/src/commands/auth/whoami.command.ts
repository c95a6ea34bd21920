import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { fetchMe } from './me-query.js';

/** `pitrix whoami`: who the credential in use acts as. */
export function whoamiCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('whoami')
    .description('Show who you are signed in as')
    .action(async (_opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const me = await fetchMe(api);
      const how = me.authenticatedBy === 'token' && me.tokenScope ? `token (${me.tokenScope} scope)` : me.authenticatedBy;
      out.result(me, () =>
        [
          `login:          ${me.user.login}`,
          `user id:        ${me.user.id}`,
          `name:           ${me.user.displayName}`,
          `roles:          ${me.roles.join(', ') || '-'}`,
          `owner path:     ${me.ownerPath}`,
          `primary group:  ${me.user.primaryGroupId ?? '-'}`,
          `authenticated:  ${how}`,
        ].join('\n'),
      );
    });
}
