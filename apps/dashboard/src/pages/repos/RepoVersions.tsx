import { Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { REPO_VERSIONS_QUERY } from './repo-documents.js';
import { VersionActions } from './VersionActions.js';

/** The repo's versions with what the developer can do to each. */
export function RepoVersions({ repoId, epoch }: { repoId: string; epoch: number }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: REPO_VERSIONS_QUERY, variables: { repoId } });
  useEffect(() => {
    if (epoch > 0) refetch({ requestPolicy: 'network-only' });
  }, [epoch, refetch]);
  const versions = data?.appVersions.edges.map((e) => e.node) ?? [];
  return (
    <Stack component="section" aria-labelledby="versions-heading" gap="xs">
      <Title order={2} size="h3" id="versions-heading">
        Versions
      </Title>
      {error && <ErrorNotice error={error} title="Versions could not be loaded" />}
      {fetching && !data && <Loading label="Loading versions…" />}
      {data && versions.length === 0 && <Empty title="No versions yet">Upload a package or index the repository.</Empty>}
      {versions.length > 0 && (
        <Table striped aria-label="Versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Package</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Message</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((version) => (
              <Table.Tr key={version.id} data-testid={`version-${version.name}-${version.version}`}>
                <Table.Td>
                  <Text fw={600}>{version.name}</Text>
                  <Text size="xs" c="dimmed">
                    {version.source} · {version.id}
                  </Text>
                </Table.Td>
                <Table.Td>{version.version}</Table.Td>
                <Table.Td>
                  <StatusBadge status={version.status} />
                </Table.Td>
                <Table.Td>{version.message ?? ''}</Table.Td>
                <Table.Td>
                  <VersionActions version={version} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
