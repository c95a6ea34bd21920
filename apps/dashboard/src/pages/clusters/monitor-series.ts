import type { ResultOf } from '../../graphql.js';
import type { CLUSTER_MONITOR_QUERY } from './cluster-queries.js';

export type MonitorSeriesView = ResultOf<typeof CLUSTER_MONITOR_QUERY>['cluster']['monitor'][number];

/** One monitor item: its roll-up over the nodes first, then each node's series. */
export interface MonitorItemView {
  readonly item: string;
  readonly unit: string;
  readonly statisticsType: string;
  readonly series: readonly MonitorSeriesView[];
}

/** Groups the API's flat list by item, keeping its order (the roll-up comes before the nodes). */
export function byItem(series: readonly MonitorSeriesView[]): MonitorItemView[] {
  const items = new Map<string, MonitorSeriesView[]>();
  for (const one of series) items.set(one.item, [...(items.get(one.item) ?? []), one]);
  return [...items.entries()].map(([item, list]) => ({
    item,
    unit: list[0]?.unit ?? '',
    statisticsType: list[0]?.statisticsType ?? '',
    series: [...list].sort((a, b) => (a.nodeId === null ? -1 : b.nodeId === null ? 1 : a.nodeId.localeCompare(b.nodeId))),
  }));
}

/** The newest step's value as text (a str item's text, an int item's number), or a dash when there is none. */
export function latestValue(series: MonitorSeriesView): string {
  const last = series.points.at(-1);
  if (!last) return '—';
  if (last.value !== null && last.value !== undefined) return String(Math.round(last.value * 100) / 100);
  return last.text ?? '—';
}

/** The numeric steps, for the sparkline. */
export function numericValues(series: MonitorSeriesView): number[] {
  return series.points.flatMap((point) => (typeof point.value === 'number' ? [point.value] : []));
}
