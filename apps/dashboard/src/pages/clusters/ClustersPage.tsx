import { Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { CLUSTERS_QUERY, RUNTIME_CHOICES_QUERY } from './cluster-queries.js';
import { clustersRoute } from './cluster-route.js';
import { ClusterLink } from './links.js';

const PAGE_SIZE = 20;
const STATUSES = ['pending', 'active', 'stopped', 'failed', 'deleted', 'ceased'];

/** Clusters the caller can see, filtered by status, runtime and text, a page at a time. */
export function ClustersPage() {
  const filter = clustersRoute.useSearch();
  const navigate = useNavigate({ from: '/clusters' });
  const [search, setSearch] = useState(filter.search ?? '');
  const [debouncedSearch] = useDebouncedValue(search, 300);
  // Cursors of the pages before this one: Previous pops, Next pushes.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const after = cursors[cursors.length - 1];

  useEffect(() => {
    if ((filter.search ?? '') !== debouncedSearch) void navigate({ search: (prev) => ({ ...prev, search: debouncedSearch || undefined }), replace: true });
  }, [debouncedSearch, filter.search, navigate]);
  useEffect(() => setCursors([undefined]), [filter.status, filter.runtimeId, filter.search]);

  const [{ data, error, fetching }] = useQuery({
    query: CLUSTERS_QUERY,
    variables: { filter: { status: filter.status, runtimeId: filter.runtimeId, search: filter.search }, page: { first: PAGE_SIZE, after } },
  });
  const [runtimes] = useQuery({ query: RUNTIME_CHOICES_QUERY });
  const runtimeName = new Map((runtimes.data?.runtimes.edges ?? []).map((e) => [e.node.id, e.node.name]));

  const clusters = data?.clusters.edges.map((e) => e.node) ?? [];
  return (
    <Stack>
      <Title order={1}>Clusters</Title>
      <Group align="flex-end">
        <TextInput label="Search" placeholder="Id, name or description" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={STATUSES}
          value={filter.status ?? null}
          onChange={(status) => void navigate({ search: (prev) => ({ ...prev, status: status ?? undefined }) })}
        />
        <Select
          label="Runtime"
          placeholder="Any runtime"
          clearable
          searchable
          data={[...runtimeName].map(([value, label]) => ({ value, label: `${label} (${value})` }))}
          value={filter.runtimeId ?? null}
          onChange={(runtimeId) => void navigate({ search: (prev) => ({ ...prev, runtimeId: runtimeId ?? undefined }) })}
        />
      </Group>
      {runtimes.error && <ErrorNotice error={runtimes.error} title="Could not load the runtimes to filter by" />}
      {error && <ErrorNotice error={error} title="Could not load the clusters" />}
      {!data && fetching && <Loading label="Loading clusters…" />}
      {data && clusters.length === 0 && <Empty title="No clusters">{filter.status || filter.runtimeId || filter.search ? 'None matches these filters.' : 'Deploy an app from the catalog to create one.'}</Empty>}
      {clusters.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped data-testid="clusters-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>App</Table.Th>
                <Table.Th>Runtime</Table.Th>
                <Table.Th>Owner</Table.Th>
                <Table.Th>Created</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {clusters.map((cluster) => (
                <Table.Tr key={cluster.id} data-testid={`cluster-row-${cluster.id}`}>
                  <Table.Td>
                    <ClusterLink clusterId={cluster.id}>{cluster.name}</ClusterLink>
                    <Text size="xs" c="gray.7" ff="monospace">
                      {cluster.id}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <StatusBadge status={cluster.status} />
                      {cluster.transitionStatus && <StatusBadge status={cluster.transitionStatus} />}
                    </Group>
                  </Table.Td>
                  <Table.Td>{cluster.appId}</Table.Td>
                  <Table.Td>{runtimeName.get(cluster.runtimeId) ?? cluster.runtimeId}</Table.Td>
                  <Table.Td>{cluster.owner}</Table.Td>
                  <Table.Td>{new Date(cluster.createdAt).toLocaleString()}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {data && (
        <Group justify="space-between">
          <Text size="sm" c="gray.7">
            {data.clusters.totalCount} cluster{data.clusters.totalCount === 1 ? '' : 's'} · page {cursors.length}
          </Text>
          <Group gap="xs">
            <Button variant="default" size="xs" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              Previous
            </Button>
            <Button
              variant="default"
              size="xs"
              disabled={!data.clusters.pageInfo.hasNextPage}
              onClick={() => setCursors((c) => [...c, data.clusters.pageInfo.endCursor ?? undefined])}
            >
              Next
            </Button>
          </Group>
        </Group>
      )}
    </Stack>
  );
}
