export { MonitorSampleStore } from './monitor-samples.js';
export { readMonitorSeries, seriesSql } from './monitor-series.js';
export type { MonitorStatistic, SeriesItem, SeriesPoint, SeriesQuery, SeriesResult } from './monitor-series.js';
