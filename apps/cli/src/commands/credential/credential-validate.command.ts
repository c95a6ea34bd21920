import { Command } from 'commander';
import { contextFrom } from '../../context.js';

/** `pitrix credential validate <id>`: a live check; exit code 1 when the provider refuses it. */
export function credentialValidateCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('validate')
    .argument('<id>', 'credential id')
    .description('Check a credential against its provider, live')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { validateCredential: result } = await api.request<{ validateCredential: { valid: boolean; reason: string | null; message: string | null; identity: string | null } }>(
        `mutation($id: ID!) { validateCredential(id: $id) { valid reason message identity } }`,
        { id },
      );
      out.result(result, () => (result.valid ? `valid${result.identity ? ` (acts as ${result.identity})` : ''}` : `refused: ${result.reason}${result.message ? ` (${result.message})` : ''}`));
      if (!result.valid) process.exitCode = 1;
    });
}
