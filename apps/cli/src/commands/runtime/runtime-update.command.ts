import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { parseJsonOption } from '../../json-option.js';
import { parseLabelArgs, RUNTIME_FIELDS, type RuntimeView } from './runtime-queries.js';

/** `pitrix runtime update <id>`: name, description, labels or options (options are checked live). */
export function runtimeUpdateCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('update')
    .argument('<id>', 'runtime id')
    .description('Change a runtime')
    .option('--name <name>', 'new name')
    .option('--description <text>', 'new description')
    .option('--label <key=value...>', 'replace the labels')
    .option('--options <json>', 'replace the provider options (JSON or @file.json)')
    .action(async (id: string, opts: { name?: string; description?: string; label?: string[]; options?: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const input = { name: opts.name, description: opts.description, labels: parseLabelArgs(opts.label), options: opts.options ? parseJsonOption(opts.options, '--options') : undefined };
      const { updateRuntime } = await api.request<{ updateRuntime: RuntimeView }>(`mutation($id: ID!, $input: UpdateRuntimeInput!) { updateRuntime(id: $id, input: $input) { ${RUNTIME_FIELDS} } }`, { id, input });
      out.result(updateRuntime, () => `updated runtime ${updateRuntime.id}`);
    });
}
