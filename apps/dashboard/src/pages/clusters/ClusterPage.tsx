import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { ClusterAlarms } from './ClusterAlarms.js';
import { ClusterHealthSummary } from './ClusterHealthSummary.js';
import { ClusterLinks } from './ClusterLinks.js';
import { ClusterMonitor } from './ClusterMonitor.js';
import { CLUSTER_QUERY } from './cluster-queries.js';
import { ClusterJobs } from './ClusterJobs.js';
import { ClusterOperations } from './ClusterOperations.js';
import { clusterRoute } from './cluster-route.js';
import { EventTimeline } from './EventTimeline.js';
import { HealingSettings } from './HealingSettings.js';
import { JobLink } from './links.js';
import { NodesTable } from './NodesTable.js';
import { RolesAndEndpoints } from './RolesAndEndpoints.js';

/** Re-reads at most this often while events stream in (a create emits dozens in a second). */
const REFRESH_MS = 500;
/** Node health changes without cluster events (drone heartbeats): re-read this often to keep it current. */
const HEALTH_REFRESH_MS = 10_000;

/**
 * One cluster: status and health, operations, nodes with health, self-healing, links, monitor,
 * alarms, roles, endpoints, jobs and the live event timeline.
 */
export function ClusterPage() {
  const { clusterId } = clusterRoute.useParams();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: CLUSTER_QUERY, variables: { id: clusterId } });
  const [refresh, setRefresh] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // Every event may change status, nodes or jobs: re-read them, throttled.
  const onEvent = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      setRefresh((n) => n + 1);
    }, REFRESH_MS);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    const interval = setInterval(() => setRefresh((n) => n + 1), HEALTH_REFRESH_MS);
    return () => clearInterval(interval);
  }, []);
  // Alarm rules answer only themselves: re-read the cluster for its list.
  const onAlarmsChanged = useCallback(() => setRefresh((n) => n + 1), []);
  useEffect(() => {
    if (refresh > 0) reexecute({ requestPolicy: 'network-only' });
  }, [refresh, reexecute]);

  if (error && !data) return <ErrorNotice error={error} title={`Could not load cluster ${clusterId}`} />;
  if (!data) return fetching ? <Loading label="Loading the cluster…" /> : null;
  const cluster = data.cluster;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{cluster.name}</Title>
          <Text size="sm" c="gray.7" ff="monospace">
            {cluster.id}
          </Text>
        </div>
        <Stack gap={4} align="flex-end">
          <Group gap="xs" data-testid="cluster-status">
            <StatusBadge status={cluster.status} />
            {cluster.transitionStatus && <StatusBadge status={cluster.transitionStatus} />}
          </Group>
          <ClusterHealthSummary health={cluster.health} />
        </Stack>
      </Group>
      {error && <ErrorNotice error={error} title="Could not refresh the cluster" />}
      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <Text size="sm">Runtime: {cluster.runtimeId}</Text>
          <Text size="sm">App: {cluster.appId}</Text>
          <Text size="sm">Owner: {cluster.owner}</Text>
          <Text size="sm">
            {cluster.statusReason}
            {cluster.statusMessage ? `: ${cluster.statusMessage}` : ''}
          </Text>
          {cluster.failedJobId && (
            <Text size="sm">
              Failed job:{' '}
              <JobLink jobId={cluster.failedJobId} />
            </Text>
          )}
        </SimpleGrid>
        {cluster.description && (
          <Text size="sm" mt="xs">
            {cluster.description}
          </Text>
        )}
      </Paper>
      <Title order={2}>Operations</Title>
      <ClusterOperations cluster={cluster} />
      <Title order={2}>Nodes</Title>
      <NodesTable nodes={cluster.nodes} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <HealingSettings cluster={cluster} />
        <ClusterLinks links={cluster.links} linkedBy={cluster.linkedBy} />
      </SimpleGrid>
      <Title order={2}>Monitor</Title>
      <ClusterMonitor clusterId={cluster.id} refresh={refresh} />
      <Title order={2}>Alarms</Title>
      <ClusterAlarms cluster={cluster} onChanged={onAlarmsChanged} />
      <RolesAndEndpoints cluster={cluster} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Stack gap="xs">
          <Title order={2}>Jobs</Title>
          <ClusterJobs clusterId={cluster.id} refresh={refresh} />
        </Stack>
        <Stack gap="xs">
          <Title order={2}>Events</Title>
          <EventTimeline clusterId={cluster.id} onEvent={onEvent} />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
