import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { parseJsonOption } from '../../json-option.js';
import { table } from '../../output.js';

/** `pitrix runtime zones --provider p [--credential id]`: zones asked live from the provider. */
export function runtimeZonesCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('zones')
    .description('List the zones a provider offers for a credential')
    .requiredOption('--provider <provider>', 'provider name')
    .option('--credential <id>', 'credential id')
    .option('--options <json>', 'provider options (JSON or @file.json)')
    .action(async (opts: { provider: string; credential?: string; options?: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const variables = { provider: opts.provider, credentialId: opts.credential, options: opts.options ? parseJsonOption(opts.options, '--options') : undefined };
      const { zones } = await api.request<{ zones: Array<{ id: string; name: string; available: boolean }> }>(
        `query($provider: String!, $credentialId: ID, $options: JSONObject) { zones(provider: $provider, credentialId: $credentialId, options: $options) { id name available } }`,
        variables,
      );
      out.result(zones, () => table(['ZONE', 'NAME', 'AVAILABLE'], zones.map((z) => [z.id, z.name, String(z.available)])));
    });
}
