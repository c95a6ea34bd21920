import { Command, Option } from 'commander';
import { PitrixError } from '@pitrix/errors';
import { contextFrom } from '../../context.js';
import type { TokenView } from './token-queries.js';

const CREATE = 'mutation($input: CreateTokenInput!) { createToken(input: $input) { token accessToken { id name scope expiresAt createdAt } } }';

/** `pitrix token create <name>`: the secret is printed this once. */
export function tokenCreateCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('create')
    .argument('<name>', 'what the token is for (e.g. ci-deploy)')
    .description('Create a personal access token (shown once)')
    .addOption(new Option('--scope <scope>', 'read (queries only) or full').choices(['read', 'full']).default('full'))
    .option('--expires-in-days <n>', 'days until it expires (default: never)')
    .action(async (name: string, opts: { scope: string; expiresInDays?: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const expiresInDays = opts.expiresInDays === undefined ? undefined : Number(opts.expiresInDays);
      if (expiresInDays !== undefined && !(Number.isInteger(expiresInDays) && expiresInDays > 0)) {
        throw new PitrixError('INPUT.INVALID', '--expires-in-days: expected a whole number of days', [{ path: '--expires-in-days', message: 'expected a positive integer' }]);
      }
      const { createToken } = await api.request<{ createToken: { token: string; accessToken: TokenView } }>(CREATE, { input: { name, scope: opts.scope, expiresInDays } });
      const { token, accessToken } = createToken;
      out.progress(`created token ${accessToken.id} (${accessToken.scope} scope, ${accessToken.expiresAt ? `expires ${accessToken.expiresAt}` : 'never expires'})`);
      out.progress('This is the only time the token is shown: store it now (e.g. as PITRIX_TOKEN in your CI secrets).');
      out.result(createToken, () => token);
    });
}
