import type { MonitorStatistic } from '@pitrix/agent-plane';

/** A monitor item as the package declares it. */
export interface DeclaredItem {
  readonly unit: string;
  readonly valueType: 'int' | 'str';
  readonly statisticsType: MonitorStatistic;
}

/** A role's monitor: its items and those it offers for alarms. */
export interface RoleMonitor {
  readonly items: ReadonlyMap<string, DeclaredItem>;
  readonly alarm: readonly string[];
}

interface BlueprintMonitor {
  readonly enable?: boolean;
  readonly items?: Readonly<Record<string, { readonly unit?: string; readonly valueType?: 'int' | 'str'; readonly statisticsType?: MonitorStatistic }>>;
  readonly alarm?: readonly string[];
}

interface BlueprintWithMonitors {
  readonly monitor?: BlueprintMonitor;
  readonly nodes?: ReadonlyArray<{ readonly role?: string; readonly monitor?: BlueprintMonitor }>;
}

/**
 * The enabled monitors of a rendered blueprint by role name ("" for a role-less app): a role's
 * own monitor, else the cluster-level one. Items without a statistics type read as `latest`.
 */
export function roleMonitors(blueprint: unknown): Map<string, RoleMonitor> {
  const view = (blueprint ?? {}) as BlueprintWithMonitors;
  const monitors = new Map<string, RoleMonitor>();
  for (const role of view.nodes ?? []) {
    const monitor = role.monitor ?? view.monitor;
    if (!monitor?.enable) continue;
    const items = new Map<string, DeclaredItem>();
    for (const [name, item] of Object.entries(monitor.items ?? {})) {
      items.set(name, { unit: item.unit ?? '', valueType: item.valueType ?? 'int', statisticsType: item.statisticsType ?? 'latest' });
    }
    monitors.set(role.role ?? '', { items, alarm: monitor.alarm ?? [] });
  }
  return monitors;
}

/** The monitor of the role a node carries (`<role>-replica` nodes carry their role's). */
export function monitorOfRole(monitors: ReadonlyMap<string, RoleMonitor>, role: string, baseRole: string): RoleMonitor | undefined {
  return monitors.get(role) ?? monitors.get(baseRole);
}

/** Every declared item of the cluster: the first role's declaration of an item wins. */
export function clusterItems(monitors: ReadonlyMap<string, RoleMonitor>): Map<string, DeclaredItem> {
  const items = new Map<string, DeclaredItem>();
  for (const monitor of monitors.values()) for (const [name, item] of monitor.items) if (!items.has(name)) items.set(name, item);
  return items;
}

/** The role names of a rendered blueprint ("" for a role-less app). */
export function blueprintRoles(blueprint: unknown): string[] {
  return ((blueprint ?? {}) as BlueprintWithMonitors).nodes?.map((role) => role.role ?? '') ?? [];
}
