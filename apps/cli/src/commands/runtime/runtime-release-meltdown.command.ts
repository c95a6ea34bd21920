import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { HEALING_FIELDS, type HealingView } from './runtime-queries.js';

/** `pitrix runtime release-meltdown <id>` (admins): heal through the runtime's meltdown. */
export function runtimeReleaseMeltdownCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('release-meltdown')
    .argument('<id>', 'runtime id')
    .description('Let the resurrector heal the runtime’s nodes through its meltdown (admins)')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { releaseMeltdown } = await api.request<{ releaseMeltdown: HealingView }>(`mutation($id: ID!) { releaseMeltdown(runtimeId: $id) { ${HEALING_FIELDS} } }`, { id });
      out.result(releaseMeltdown, () => `runtime ${id}: meltdown released by ${releaseMeltdown.releasedBy}; ${releaseMeltdown.downNodes} of ${releaseMeltdown.totalNodes} nodes down are healed`);
    });
}
