import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';

/** `pitrix provider list`: the runtime providers this installation offers. */
export function providerListCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('provider')
    .description('Runtime providers')
    .addCommand(
      new Command('list').description('List the runtime providers').action(async (_opts, command: Command) => {
        const { api, out } = contextFrom(command, env);
        const { providers } = await api.request<{ providers: Array<{ name: string; requiresCredential: boolean; containerImages: string }> }>('{ providers { name requiresCredential containerImages } }');
        out.result(providers, () => table(['PROVIDER', 'NEEDS CREDENTIAL', 'IMAGES'], providers.map((p) => [p.name, String(p.requiresCredential), p.containerImages])));
      }),
    );
}
