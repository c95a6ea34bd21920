import type { DataSource } from 'typeorm';

/** How a series combines the samples of one step: the package's `statisticsType`. */
export type MonitorStatistic = 'min' | 'max' | 'avg' | 'delta' | 'rate' | 'mode' | 'median' | 'latest';

/** One monitor item to read, with how its samples are combined and whether they are numbers. */
export interface SeriesItem {
  readonly item: string;
  readonly statistic: MonitorStatistic;
  readonly valueType: 'int' | 'str';
}

/** What to read: one cluster's items over `[from, to)` in steps of `stepSeconds`. */
export interface SeriesQuery {
  readonly clusterId: string;
  /** Only this node; undefined reads every node of the cluster. */
  readonly nodeId?: string;
  /** Also the roll-up over the cluster's nodes (series with a null node id). */
  readonly rollUp: boolean;
  readonly items: readonly SeriesItem[];
  readonly from: Date;
  readonly to: Date;
  readonly stepSeconds: number;
}

/** One step's value: at the step's start, a number for `int` items and text for `str` items. */
export interface SeriesPoint {
  readonly at: Date;
  readonly value: number | null;
  readonly text: string | null;
}

/** The points of one item on one node, or rolled up over the cluster's nodes (`nodeId` null). */
export interface SeriesResult {
  readonly item: string;
  readonly nodeId: string | null;
  readonly points: SeriesPoint[];
}

/**
 * The aggregate of one step per statistic, over the step's samples (`s`). `mode` and `latest`
 * also apply to text; the others only to numbers. `delta` and `rate` are computed separately.
 */
const STEP_AGGREGATES: Record<Exclude<MonitorStatistic, 'delta' | 'rate'>, { number: string; text: string }> = {
  min: { number: 'min(value_number)', text: 'NULL::text' },
  max: { number: 'max(value_number)', text: 'NULL::text' },
  avg: { number: 'avg(value_number)', text: 'NULL::text' },
  median: { number: 'percentile_cont(0.5) WITHIN GROUP (ORDER BY value_number)', text: 'NULL::text' },
  mode: { number: 'mode() WITHIN GROUP (ORDER BY value_number)', text: 'mode() WITHIN GROUP (ORDER BY value_text)' },
  latest: { number: '(array_agg(value_number ORDER BY collected_at DESC))[1]', text: '(array_agg(value_text ORDER BY collected_at DESC))[1]' },
};

// $1 cluster, $2 items, $3 from, $4 to, $5 step seconds, $6 node or null.
const SAMPLES = `
  SELECT node_id, item, collected_at, value_number, value_text,
         floor(extract(epoch FROM collected_at - $3::timestamptz) / $5)::int AS step
  FROM agents.monitor_samples
  WHERE cluster_id = $1 AND item = ANY($2::text[]) AND collected_at >= $3 AND collected_at < $4 AND ($6::text IS NULL OR node_id = $6)`;

function groupingSets(rollUp: boolean): string {
  return rollUp ? 'GROUPING SETS ((node_id, item, step), (item, step))' : 'node_id, item, step';
}

/** Steps aggregated by a plain statistic, per node and (with `rollUp`) over all nodes' samples of the step. */
function plainSql(statistic: keyof typeof STEP_AGGREGATES, rollUp: boolean): string {
  const aggregate = STEP_AGGREGATES[statistic];
  return `WITH s AS (${SAMPLES})
    SELECT node_id, item, step, ${aggregate.number}::double precision AS value, ${aggregate.text} AS text
    FROM s GROUP BY ${groupingSets(rollUp)}`;
}

/**
 * `delta`: the step's last value minus the value before it (the previous step's last, or the
 * step's first sample in the first step), so counters add up across steps; `rate` is that delta
 * per second between the two samples. The roll-up adds the nodes' deltas and rates.
 */
function changeSql(statistic: 'delta' | 'rate', rollUp: boolean): string {
  return `WITH s AS (${SAMPLES}),
    steps AS (
      SELECT node_id, item, step,
             (array_agg(value_number ORDER BY collected_at DESC))[1] AS last, max(collected_at) AS last_at,
             (array_agg(value_number ORDER BY collected_at))[1] AS first, min(collected_at) AS first_at
      FROM s WHERE value_number IS NOT NULL GROUP BY node_id, item, step),
    changes AS (
      SELECT node_id, item, step,
             last - coalesce(lag(last) OVER w, first) AS delta,
             extract(epoch FROM last_at - coalesce(lag(last_at) OVER w, first_at)) AS seconds
      FROM steps WINDOW w AS (PARTITION BY node_id, item ORDER BY step))
    SELECT node_id, item, step, sum(${statistic === 'delta' ? 'delta' : 'delta / nullif(seconds, 0)'})::double precision AS value, NULL::text AS text
    FROM changes GROUP BY ${groupingSets(rollUp)}`;
}

/** The SQL that aggregates each step of the items read with `statistic`. */
export function seriesSql(statistic: MonitorStatistic, rollUp: boolean): string {
  return statistic === 'delta' || statistic === 'rate' ? changeSql(statistic, rollUp) : plainSql(statistic, rollUp);
}

interface StepRow {
  node_id: string | null;
  item: string;
  step: number;
  value: number | null;
  text: string | null;
}

/**
 * Reads monitor series: one query per statistic among the items, each step aggregated in SQL
 * with the item's statistic, per node and, when asked, rolled up over the cluster's nodes.
 * Steps without samples are left out (a gap, not a zero). Series come sorted by item, then the
 * roll-up first, then node id; points by time.
 */
export async function readMonitorSeries(dataSource: DataSource, query: SeriesQuery): Promise<SeriesResult[]> {
  const byStatistic = new Map<MonitorStatistic, string[]>();
  for (const { item, statistic, valueType } of query.items) {
    // A text item has no min, sum or median: its steps show the latest text whatever was declared.
    const effective = valueType === 'str' && statistic !== 'mode' ? 'latest' : statistic;
    byStatistic.set(effective, [...(byStatistic.get(effective) ?? []), item]);
  }
  const series = new Map<string, SeriesResult>();
  for (const [statistic, items] of byStatistic) {
    const rows = (await dataSource.query(seriesSql(statistic, query.rollUp && !query.nodeId), [
      query.clusterId,
      items,
      query.from,
      query.to,
      query.stepSeconds,
      query.nodeId ?? null,
    ])) as StepRow[];
    for (const row of rows) {
      const key = `${row.item}\u0000${row.node_id ?? ''}`;
      const found = series.get(key) ?? { item: row.item, nodeId: row.node_id, points: [] };
      series.set(key, found);
      found.points.push({ at: new Date(query.from.getTime() + row.step * query.stepSeconds * 1000), value: row.value === null ? null : Number(row.value), text: row.text });
    }
  }
  const result = [...series.values()];
  for (const one of result) one.points.sort((a, b) => a.at.getTime() - b.at.getTime());
  return result.sort((a, b) => a.item.localeCompare(b.item) || (a.nodeId ?? '').localeCompare(b.nodeId ?? ''));
}
