import { Group, Text } from '@mantine/core';
import { StatusBadge } from '../../components/StatusBadge.js';
import type { ClusterView } from './cluster-types.js';

/** The running nodes' health rolled up: one word, the counts behind it, and since when. */
export function ClusterHealthSummary({ health }: { health: ClusterView['health'] }) {
  return (
    <Group gap="xs" data-testid="cluster-health" aria-label="Cluster health" role="group">
      <Text size="sm" fw={600}>
        Health
      </Text>
      <StatusBadge status={health.status} />
      <Text size="xs" c="gray.7" data-testid="cluster-health-counts">
        {health.healthy} healthy · {health.unhealthy} unhealthy · {health.unknown} unknown
        {health.since ? ` · since ${new Date(health.since).toLocaleString()}` : ''}
      </Text>
    </Group>
  );
}
