import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { parseJsonOption } from '../../json-option.js';
import { CREDENTIAL_FIELDS, type CredentialView } from './credential-queries.js';

/** `pitrix credential update <id>`: rename, re-describe or replace the secret (checked live). */
export function credentialUpdateCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('update')
    .argument('<id>', 'credential id')
    .description('Change a credential')
    .option('--name <name>', 'new name')
    .option('--description <text>', 'new description')
    .option('--endpoint <url>', 'new endpoint')
    .option('--secret-file <path>', 'new secret (JSON object), or - for stdin')
    .action(async (id: string, opts: { name?: string; description?: string; endpoint?: string; secretFile?: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const secret = opts.secretFile ? parseJsonOption(opts.secretFile === '-' ? '-' : `@${opts.secretFile}`, '--secret-file') : undefined;
      const { updateCredential } = await api.request<{ updateCredential: CredentialView }>(
        `mutation($id: ID!, $input: UpdateCredentialInput!) { updateCredential(id: $id, input: $input) { ${CREDENTIAL_FIELDS} } }`,
        { id, input: { name: opts.name, description: opts.description, endpoint: opts.endpoint, secret } },
      );
      out.result(updateCredential, () => `updated credential ${updateCredential.id}`);
    });
}
