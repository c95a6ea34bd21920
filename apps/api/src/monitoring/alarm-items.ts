import type { RoleMonitor } from './package-monitors.js';

/**
 * The monitor items an alarm rule may watch: int items listed in `monitor.alarm` of `role`'s
 * package; without a role, items that every role declaring them offers for alarms (a rule then
 * watches all of those roles' nodes). Sorted.
 */
export function allowedAlarmItems(monitors: ReadonlyMap<string, RoleMonitor>, role: string | null): string[] {
  const offered = (monitor: RoleMonitor) => monitor.alarm.filter((item) => monitor.items.get(item)?.valueType === 'int');
  if (role !== null) {
    const monitor = monitors.get(role);
    return monitor ? [...new Set(offered(monitor))].sort() : [];
  }
  const candidates = new Set([...monitors.values()].flatMap(offered));
  return [...candidates].filter((item) => [...monitors.values()].every((monitor) => !monitor.items.has(item) || offered(monitor).includes(item))).sort();
}
