export { MonitorCollector } from './monitor-collector.js';
export { parseMonitorOutput } from './monitor-output.js';
export type { MonitorValue, ParsedMonitorOutput } from './monitor-output.js';
