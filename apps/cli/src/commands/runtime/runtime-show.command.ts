import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { formatLabels, RUNTIME_FIELDS, type RuntimeView } from './runtime-queries.js';

/** `pitrix runtime show <id>`. */
export function runtimeShowCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('show')
    .argument('<id>', 'runtime id')
    .description('Show a runtime')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { runtime } = await api.request<{ runtime: RuntimeView }>(`query($id: ID!) { runtime(id: $id) { ${RUNTIME_FIELDS} } }`, { id });
      out.result(runtime, () =>
        [
          `id:          ${runtime.id}`,
          `name:        ${runtime.name}`,
          `provider:    ${runtime.provider}`,
          `zone:        ${runtime.zone}`,
          `credential:  ${runtime.credentialId ?? '-'}`,
          `labels:      ${formatLabels(runtime.labels) || '-'}`,
          `options:     ${JSON.stringify(runtime.options)}`,
          `owner:       ${runtime.owner}`,
          `created:     ${runtime.createdAt}`,
        ].join('\n'),
      );
    });
}
