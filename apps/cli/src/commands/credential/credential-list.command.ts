import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';
import { CREDENTIAL_FIELDS, type CredentialView } from './credential-queries.js';

/** `pitrix credential list`. */
export function credentialListCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('list')
    .description('List credentials (never their secrets)')
    .option('--limit <n>', 'at most this many', '50')
    .action(async (opts: { limit: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { credentials } = await api.request<{ credentials: { edges: Array<{ node: CredentialView }> } }>(
        `query($page: PageInput) { credentials(page: $page) { edges { node { ${CREDENTIAL_FIELDS} } } } }`,
        { page: { first: Number(opts.limit) } },
      );
      const rows = credentials.edges.map((edge) => edge.node);
      out.result(rows, () => table(['ID', 'NAME', 'PROVIDER', 'FIELDS', 'KEY', 'OWNER'], rows.map((c) => [c.id, c.name, c.provider, c.secretFields.join(','), c.keyId, c.owner])));
    });
}
