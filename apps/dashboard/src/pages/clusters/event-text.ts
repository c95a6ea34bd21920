import { CONDITION_SIGNS, type AlarmConditionName } from './alarm-items.js';

/** `ClusterAlarmRaised` → `Cluster alarm raised`: event types read as words on the timeline. */
export function eventTitle(type: string): string {
  const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Day-2 events carry numbers and maps rather than a status or message: each gets its own sentence. */
function day2Summary(type: string, payload: Record<string, unknown>): string | undefined {
  switch (type) {
    case 'ClusterHealingSet':
      return `${payload['enabled'] ? `healing on after ${String(payload['graceSeconds'])} s` : 'healing off'} · by ${String(payload['setBy'] ?? '')}`;
    case 'ClusterLinksSet': {
      const links = Object.entries((payload['links'] ?? {}) as Record<string, unknown>);
      return links.length === 0 ? 'no links' : links.map(([alias, target]) => `${alias} → ${String(target)}`).join(', ');
    }
    case 'ClusterAlarmRaised':
    case 'ClusterAlarmCleared': {
      const sign = CONDITION_SIGNS[payload['condition'] as AlarmConditionName] ?? String(payload['condition']);
      const value = payload['value'] === null || payload['value'] === undefined ? 'rule removed' : `value ${String(payload['value'])}`;
      return `${String(payload['item'])} ${sign} ${String(payload['threshold'])} on ${String(payload['nodeId'])} · ${value}`;
    }
    default:
      return undefined;
  }
}

/** The line an event shows under its title: its message, status or reason when it has one. */
export function eventSummary(type: string, payloadJson: string): string {
  try {
    const payload = JSON.parse(payloadJson) as Record<string, unknown>;
    const special = day2Summary(type, payload);
    if (special !== undefined) return special;
    const parts = ['status', 'reason', 'message', 'jobId', 'nodeId', 'taskId'].map((key) => payload[key]).filter((v) => typeof v === 'string' && v);
    return parts.join(' · ');
  } catch {
    return '';
  }
}
