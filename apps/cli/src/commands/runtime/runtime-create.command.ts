import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { parseJsonOption } from '../../json-option.js';
import { parseLabelArgs, RUNTIME_FIELDS, type RuntimeView } from './runtime-queries.js';

/** `pitrix runtime create`: checked live against the provider before it is stored. */
export function runtimeCreateCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('create')
    .description('Create a runtime')
    .requiredOption('--name <name>', 'runtime name')
    .requiredOption('--provider <provider>', 'provider name (pitrix provider list)')
    .requiredOption('--zone <zone>', 'zone (pitrix runtime zones --provider ...)')
    .option('--credential <id>', 'credential id')
    .option('--description <text>', 'description', '')
    .option('--label <key=value...>', 'labels')
    .option('--options <json>', 'provider options as JSON, or @file.json')
    .action(async (opts: { name: string; provider: string; zone: string; credential?: string; description: string; label?: string[]; options?: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const input = {
        name: opts.name,
        provider: opts.provider,
        zone: opts.zone,
        credentialId: opts.credential,
        description: opts.description,
        labels: parseLabelArgs(opts.label) ?? [],
        options: opts.options ? parseJsonOption(opts.options, '--options') : undefined,
      };
      const { createRuntime } = await api.request<{ createRuntime: RuntimeView }>(`mutation($input: CreateRuntimeInput!) { createRuntime(input: $input) { ${RUNTIME_FIELDS} } }`, { input });
      out.result(createRuntime, () => `created runtime ${createRuntime.id} (${createRuntime.provider}, ${createRuntime.zone})`);
    });
}
