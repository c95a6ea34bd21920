import { Command } from 'commander';
import { contextFrom } from '../../context.js';

/** `pitrix credential delete <id>`: refused while a runtime uses it. */
export function credentialDeleteCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('delete')
    .argument('<id>', 'credential id')
    .description('Delete a credential no runtime uses')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { deleteCredential } = await api.request<{ deleteCredential: { id: string } }>(`mutation($id: ID!) { deleteCredential(id: $id) { id } }`, { id });
      out.result(deleteCredential, () => `deleted credential ${deleteCredential.id}`);
    });
}
