import { Badge, Group, Text } from '@mantine/core';
import type { LabelPair } from './labels.js';

/** Labels or selectors as small badges; a dash when there are none. */
export function LabelList({ labels }: { labels: readonly LabelPair[] }) {
  if (labels.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Group gap={4}>
      {labels.map((label) => (
        <Badge key={`${label.key}=${label.value}`} variant="outline" size="sm" tt="none">
          {label.key}={label.value}
        </Badge>
      ))}
    </Group>
  );
}
