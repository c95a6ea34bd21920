import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { formatLabels, HEALING_FIELDS, RUNTIME_FIELDS, type HealingView, type RuntimeView } from './runtime-queries.js';

/** `pitrix runtime show <id>`. */
export function runtimeShowCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('show')
    .argument('<id>', 'runtime id')
    .description('Show a runtime')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { runtime } = await api.request<{ runtime: RuntimeView & { healing: HealingView } }>(`query($id: ID!) { runtime(id: $id) { ${RUNTIME_FIELDS} healing { ${HEALING_FIELDS} } } }`, { id });
      const { healing } = runtime;
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
          `healing:     ${healing.state}${healing.state === 'meltdown' ? ` (${healing.downNodes} of ${healing.totalNodes} nodes down${healing.releasedBy ? `, released by ${healing.releasedBy}` : ''})` : ''} since ${healing.since}`,
          `meltdown at: more than ${healing.meltdownPercent}% or ${healing.meltdownNodes} nodes down${healing.defaultLimits ? ' (platform defaults)' : ''}`,
          ...healing.events.slice(0, 5).map((event) => `  ${event.at}  ${event.kind}: ${event.message}`),
        ].join('\n'),
      );
    });
}
