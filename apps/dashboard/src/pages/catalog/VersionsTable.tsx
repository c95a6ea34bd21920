import { Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { KindBadge } from '../../components/KindBadge.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import type { ResultOf } from '../../graphql.js';
import type { APP_VERSIONS_QUERY } from './catalog-documents.js';

export type CatalogVersion = ResultOf<typeof APP_VERSIONS_QUERY>['appVersions']['edges'][number]['node'];

/** Versions a user may deploy: released ones. */
export function isDeployable(version: CatalogVersion): boolean {
  return version.status === 'active';
}

/** Every version the caller can see, with its status and a deploy link for released ones. */
export function VersionsTable({ appId, versions }: { appId: string; versions: readonly CatalogVersion[] }) {
  return (
    <Table striped data-testid="versions">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Version</Table.Th>
          <Table.Th>App version</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Since</Table.Th>
          <Table.Th>Deployments</Table.Th>
          <Table.Th>
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {versions.map((version) => (
          <Table.Tr key={version.id}>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Text ff="monospace" size="sm">
                  {version.version}
                </Text>
                <KindBadge kind={version.kind} />
              </Group>
            </Table.Td>
            <Table.Td>{version.appVersion ?? '—'}</Table.Td>
            <Table.Td>
              <StatusBadge status={version.status} />
            </Table.Td>
            <Table.Td>{new Date(version.statusTime).toLocaleString()}</Table.Td>
            <Table.Td>{version.deploymentCount}</Table.Td>
            <Table.Td>
              {isDeployable(version) && (
                <Link to="/apps/$appId/deploy" params={{ appId }} search={{ version: version.id }} aria-label={`Deploy version ${version.version}`}>
                  Deploy
                </Link>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
