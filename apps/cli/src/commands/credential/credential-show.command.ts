import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { CREDENTIAL_FIELDS, type CredentialView } from './credential-queries.js';

/** `pitrix credential show <id>`. */
export function credentialShowCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('show')
    .argument('<id>', 'credential id')
    .description('Show a credential (never its secret)')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { credential } = await api.request<{ credential: CredentialView }>(`query($id: ID!) { credential(id: $id) { ${CREDENTIAL_FIELDS} } }`, { id });
      out.result(credential, () =>
        [
          `id:        ${credential.id}`,
          `name:      ${credential.name}`,
          `provider:  ${credential.provider}`,
          `endpoint:  ${credential.endpoint ?? '-'}`,
          `fields:    ${credential.secretFields.join(', ')} (sealed with key ${credential.keyId})`,
          `owner:     ${credential.owner}`,
        ].join('\n'),
      );
    });
}
