import { Command } from 'commander';
import { contextFrom } from '../../context.js';

/** `pitrix token revoke <id>`: the token fails from its next request on. */
export function tokenRevokeCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('revoke')
    .argument('<id>', 'token id (tok-…)')
    .description('Revoke a personal access token')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out, endpoint, credentials } = contextFrom(command, env);
      const { revokeToken } = await api.request<{ revokeToken: { id: string; name: string; revokedAt: string } }>(`mutation($id: ID!) { revokeToken(id: $id) { id name revokedAt } }`, { id });
      if (credentials.peek(endpoint)?.tokenId === revokeToken.id) out.progress('that was the token this CLI signs in with: run pitrix login again');
      out.result(revokeToken, () => `revoked token ${revokeToken.id} (${revokeToken.name})`);
    });
}
