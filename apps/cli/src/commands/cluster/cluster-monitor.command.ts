import { Command, InvalidArgumentError } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/** `90s`, `15m`, `1h`, `2d` → seconds. */
export function durationSeconds(raw: string): number {
  const match = /^(\d+)([smhd])$/.exec(raw.trim());
  if (!match) throw new InvalidArgumentError('a duration such as 90s, 15m, 1h or 2d');
  return Number(match[1]) * (UNITS[match[2] as string] as number);
}

function stepSeconds(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 86_400) throw new InvalidArgumentError('a whole number of seconds from 1 to 86400');
  return value;
}

interface Series {
  item: string;
  unit: string;
  statisticsType: string;
  nodeId: string | null;
  points: Array<{ at: string; value: number | null; text: string | null }>;
}

const SERIES_FIELDS = 'item unit statisticsType nodeId points { at value text }';

/** One row per step, one column per item (`item (unit, statistic)`). */
export function seriesTable(series: readonly Series[]): string {
  const times = [...new Set(series.flatMap((one) => one.points.map((point) => point.at)))].sort();
  const headers = ['TIME', ...series.map((one) => `${one.item}${one.unit ? ` (${one.unit})` : ''} [${one.statisticsType}]`)];
  const cell = (one: Series, at: string) => {
    const point = one.points.find((p) => p.at === at);
    return point ? (point.text ?? (point.value === null ? null : Number(point.value.toFixed(3)))) : null;
  };
  return table(headers, times.map((at) => [at, ...series.map((one) => cell(one, at))]));
}

/** `pitrix cluster monitor <id> [--node <id>] [--since 1h] [--step 60]`: the monitor items as a table over time. */
export function clusterMonitorCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('monitor')
    .argument('<id>', 'cluster id')
    .description('Show the cluster’s monitor items over time: rolled up over its nodes, or one node’s with --node')
    .option('--node <nodeId>', 'one node’s values instead of the roll-up')
    .option('--since <duration>', 'how far back, e.g. 15m, 1h, 2d', durationSeconds, 3_600)
    .option('--step <seconds>', 'seconds per row', stepSeconds, 60)
    .option('--item <name...>', 'only these items')
    .action(async (id: string, opts: { node?: string; since: number; step: number; item?: string[] }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const to = new Date();
      const vars = { id, from: new Date(to.getTime() - opts.since * 1000).toISOString(), to: to.toISOString(), step: opts.step, items: opts.item ?? null };
      const args = 'from: $from, to: $to, stepSeconds: $step, items: $items';
      const header = `query($id: ID!, $from: DateTime!, $to: DateTime!, $step: Int!, $items: [String!])`;
      let series: Series[];
      if (opts.node) {
        const { cluster } = await api.request<{ cluster: { nodes: Array<{ id: string; monitor: Series[] }> } }>(`${header} { cluster(id: $id) { nodes { id monitor(${args}) { ${SERIES_FIELDS} } } } }`, vars);
        const node = cluster.nodes.find((candidate) => candidate.id === opts.node);
        if (!node) throw new InvalidArgumentError(`cluster ${id} has no node ${opts.node}`);
        series = node.monitor;
      } else {
        const { cluster } = await api.request<{ cluster: { monitor: Series[] } }>(`${header} { cluster(id: $id) { monitor(${args}) { ${SERIES_FIELDS} } } }`, vars);
        series = cluster.monitor.filter((one) => one.nodeId === null);
      }
      out.result(series, () => (series.every((one) => one.points.length === 0) ? `cluster ${id}: no monitor samples in this range` : seriesTable(series)));
    });
}
