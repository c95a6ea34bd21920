import { Command, InvalidArgumentError } from 'commander';
import { contextFrom } from '../../context.js';

function seconds(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 86_400) throw new InvalidArgumentError('a whole number of seconds from 1 to 86400');
  return value;
}

/** `pitrix cluster healing <id> --on|--off [--grace <seconds>]`: whether the resurrector heals the cluster's nodes. */
export function clusterHealingCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('healing')
    .argument('<id>', 'cluster id')
    .description('Turn healing of the cluster’s nodes on or off (a node down past the grace period gets a new instance)')
    .option('--on', 'heal nodes that are down')
    .option('--off', 'leave nodes that are down as they are')
    .option('--grace <seconds>', 'seconds a node may be silent, or unhealthy after its own action, before it is healed', seconds, 60)
    .action(async (id: string, opts: { on?: boolean; off?: boolean; grace: number }, command: Command) => {
      if (opts.on === opts.off) throw new InvalidArgumentError('give exactly one of --on and --off');
      const { api, out } = contextFrom(command, env);
      const { setClusterHealing } = await api.request<{ setClusterHealing: { id: string; healing: { enabled: boolean; graceSeconds: number } } }>(
        `mutation($id: ID!, $enabled: Boolean!, $grace: Int!) { setClusterHealing(id: $id, enabled: $enabled, graceSeconds: $grace) { id healing { enabled graceSeconds } } }`,
        { id, enabled: opts.on === true, grace: opts.grace },
      );
      out.result(setClusterHealing, () => `cluster ${id}: healing ${setClusterHealing.healing.enabled ? `on, after ${setClusterHealing.healing.graceSeconds} s` : 'off'}`);
    });
}
