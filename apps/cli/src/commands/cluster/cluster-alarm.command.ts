import { Command, InvalidArgumentError, Option } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';

interface Alarm {
  id: string;
  item: string;
  role: string | null;
  condition: string;
  threshold: number;
  consecutive: number;
  activeNodes: string[];
}

const ALARM_FIELDS = 'id item role condition threshold consecutive activeNodes';

function finite(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new InvalidArgumentError('a number');
  return value;
}

function count(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 100) throw new InvalidArgumentError('a whole number from 1 to 100');
  return value;
}

function alarmLine(alarm: Alarm): string {
  return `${alarm.item} ${alarm.condition} ${alarm.threshold}${alarm.consecutive > 1 ? ` for ${alarm.consecutive} samples` : ''}${alarm.role ? ` on role ${alarm.role}` : ''}`;
}

function setCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('set')
    .argument('<clusterId>', 'cluster id')
    .description('Add an alarm rule on a monitor item the package offers for alarms')
    .requiredOption('--item <name>', 'monitor item')
    .addOption(new Option('--condition <condition>', 'how the value compares with the threshold').choices(['GT', 'GTE', 'LT', 'LTE']).makeOptionMandatory())
    .requiredOption('--threshold <number>', 'the threshold', finite)
    .option('--role <role>', 'only this role’s nodes')
    .option('--consecutive <n>', 'samples in a row that raise the alarm', count, 1)
    .action(async (clusterId: string, opts: { item: string; condition: string; threshold: number; role?: string; consecutive: number }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const input = { item: opts.item, condition: opts.condition, threshold: opts.threshold, consecutive: opts.consecutive, ...(opts.role ? { role: opts.role } : {}) };
      const { setClusterAlarm } = await api.request<{ setClusterAlarm: Alarm }>(
        `mutation($id: ID!, $input: ClusterAlarmInput!) { setClusterAlarm(clusterId: $id, input: $input) { ${ALARM_FIELDS} } }`,
        { id: clusterId, input },
      );
      out.result(setClusterAlarm, () => `alarm ${setClusterAlarm.id} on cluster ${clusterId}: ${alarmLine(setClusterAlarm)}`);
    });
}

function removeCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('rm')
    .argument('<clusterId>', 'cluster id')
    .argument('<alarmId>', 'alarm id')
    .description('Remove an alarm rule (alarms it raised are cleared)')
    .action(async (clusterId: string, alarmId: string, _opts: unknown, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { removeClusterAlarm } = await api.request<{ removeClusterAlarm: Alarm }>(
        `mutation($id: ID!, $alarm: ID!) { removeClusterAlarm(clusterId: $id, alarmId: $alarm) { ${ALARM_FIELDS} } }`,
        { id: clusterId, alarm: alarmId },
      );
      out.result(removeClusterAlarm, () => `alarm ${alarmId} removed from cluster ${clusterId}`);
    });
}

function listCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('ls')
    .argument('<clusterId>', 'cluster id')
    .description('List the cluster’s alarm rules and the nodes each is raised on')
    .action(async (clusterId: string, _opts: unknown, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { cluster } = await api.request<{ cluster: { alarms: Alarm[] } }>(`query($id: ID!) { cluster(id: $id) { alarms { ${ALARM_FIELDS} } } }`, { id: clusterId });
      out.result(cluster.alarms, () =>
        cluster.alarms.length === 0
          ? `cluster ${clusterId} has no alarm rules`
          : table(
              ['ID', 'ITEM', 'ROLE', 'CONDITION', 'THRESHOLD', 'CONSECUTIVE', 'RAISED ON'],
              cluster.alarms.map((a) => [a.id, a.item, a.role, a.condition, a.threshold, a.consecutive, a.activeNodes.join(',') || null]),
            ),
      );
    });
}

/** `pitrix cluster alarm set|rm|ls`: alarm rules on a cluster's monitor items. */
export function clusterAlarmCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('alarm').description('Alarm rules on the cluster’s monitor items').addCommand(setCommand(env)).addCommand(removeCommand(env)).addCommand(listCommand(env));
}
