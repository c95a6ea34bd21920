/**
 * Items the package offers for alarms: every `monitor.alarm` list in its blueprint, wherever a role
 * declares one. Only suggestions for the form: the API checks the item against the role it watches.
 */
export function alarmItems(blueprint: unknown): string[] {
  const items = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'monitor' && child && typeof child === 'object') {
          const alarm = (child as { alarm?: unknown }).alarm;
          if (Array.isArray(alarm)) alarm.forEach((item) => typeof item === 'string' && items.add(item));
        }
        walk(child);
      }
    }
  };
  walk(blueprint);
  return [...items].sort();
}

/** How the API's conditions read. */
export const CONDITION_SIGNS = { GT: '>', GTE: '≥', LT: '<', LTE: '≤' } as const;

export type AlarmConditionName = keyof typeof CONDITION_SIGNS;
