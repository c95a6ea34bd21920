import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = {
  active: 'green',
  succeeded: 'green',
  successful: 'green',
  healthy: 'green',
  passed: 'green',
  released: 'green',
  ready: 'green',
  running: 'blue',
  pending: 'gray',
  waiting: 'gray',
  submitted: 'yellow',
  stopped: 'gray',
  deleted: 'gray',
  ceased: 'dark',
  draft: 'gray',
  unknown: 'gray',
  failed: 'red',
  unhealthy: 'red',
  rejected: 'red',
  suspended: 'orange',
  cancelled: 'orange',
  cancelling: 'orange',
  'rolled-back': 'orange',
  retiring: 'orange',
};

/** A status word as a coloured badge; transitional states (`creating`, `scaling`) are blue. */
export function StatusBadge({ status }: { status: string }) {
  const key = status.toLowerCase();
  const color = COLORS[key] ?? (key.endsWith('ing') ? 'blue' : 'gray');
  return (
    // Dark text on the light tint: Mantine's light-variant text (green.6 and the like) fails WCAG AA contrast.
    <Badge color={color} variant="light" c="dark.8" data-status={key}>
      {status}
    </Badge>
  );
}
