import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';
import { TOKEN_FIELDS, type TokenView } from './token-queries.js';

/** `pitrix token list`: your tokens, newest first, revoked and expired ones included. */
export function tokenListCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('list')
    .description('List your personal access tokens (never their secrets)')
    .action(async (_opts, command: Command) => {
      const { api, out, endpoint, credentials } = contextFrom(command, env);
      const { tokens } = await api.request<{ tokens: TokenView[] }>(`query { tokens { ${TOKEN_FIELDS} } }`);
      const current = env.PITRIX_TOKEN ? undefined : credentials.peek(endpoint)?.tokenId;
      out.result(tokens, () =>
        table(
          ['ID', 'NAME', 'SCOPE', 'CREATED', 'EXPIRES', 'LAST USED', 'STATE'],
          tokens.map((t) => [t.id === current ? `${t.id} *` : t.id, t.name, t.scope, t.createdAt, t.expiresAt ?? 'never', t.lastUsedAt, stateOf(t)]),
        ),
      );
    });
}

function stateOf(token: TokenView): string {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()) return 'expired';
  return 'active';
}
