import { Command } from 'commander';
import { isPitrixError } from '@pitrix/errors';
import { contextFrom } from '../../context.js';
import { GraphQLClient } from '../../graphql-client.js';

/**
 * `pitrix logout`: revokes the token `pitrix login` minted (one that is already invalid is fine)
 * and forgets the stored credential. A token given with `login --token` is only forgotten: it
 * was not made here and may be in use elsewhere.
 */
export function logoutCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('logout')
    .description('Revoke the stored token and forget it')
    .action(async (_opts, command: Command) => {
      const { out, endpoint, credentials } = contextFrom(command, env);
      const stored = credentials.get(endpoint);
      if (!stored) {
        out.result({ endpoint, loggedOut: false, revoked: false }, () => `not logged in at ${endpoint}`);
        return;
      }
      let revoked = false;
      if (stored.tokenId) {
        try {
          await new GraphQLClient(endpoint, { token: stored.token }).request(`mutation($id: ID!) { revokeToken(id: $id) { id revokedAt } }`, { id: stored.tokenId });
          revoked = true;
        } catch (err) {
          // A token that is already revoked, expired or unknown cannot be used to revoke itself: nothing to do.
          if (!isPitrixError(err) || !(err.code.startsWith('AUTH.') || String(err.code) === 'ACCOUNT.TOKEN_NOT_FOUND')) throw err;
        }
      }
      credentials.remove(endpoint);
      out.result({ endpoint, login: stored.login, loggedOut: true, revoked }, () =>
        stored.tokenId ? `Logged out ${stored.login} from ${endpoint}` : `Logged out ${stored.login} from ${endpoint} (the token given with --token was forgotten, not revoked)`,
      );
    });
}
