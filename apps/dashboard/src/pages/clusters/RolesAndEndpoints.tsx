import { SimpleGrid, Stack, Table, Title } from '@mantine/core';
import { Empty } from '../../components/states.js';
import type { ClusterView } from './cluster-types.js';

export function RolesAndEndpoints({ cluster }: { cluster: ClusterView }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Stack gap="xs">
        <Title order={2}>Roles</Title>
        {cluster.roles.length === 0 ? (
          <Empty title="No roles" />
        ) : (
          <Table data-testid="roles-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Role</Table.Th>
                <Table.Th>Nodes</Table.Th>
                <Table.Th>Size</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cluster.roles.map((r) => (
                <Table.Tr key={r.role}>
                  <Table.Td>{r.role || '(all nodes)'}</Table.Td>
                  <Table.Td>{r.nodeCount}</Table.Td>
                  <Table.Td>
                    {r.cpu} CPU · {r.memoryMiB} MiB · {r.volumeSizeGiB} GiB
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={2}>Endpoints</Title>
        {cluster.endpoints.length === 0 ? (
          <Empty title="No endpoints">The package declares none.</Empty>
        ) : (
          <Table data-testid="endpoints-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Address</Table.Th>
                <Table.Th>Protocol</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cluster.endpoints.map((e) => (
                <Table.Tr key={`${e.name}:${e.host}:${e.port}`}>
                  <Table.Td>{e.name}</Table.Td>
                  <Table.Td ff="monospace">
                    {e.host}:{e.port}
                  </Table.Td>
                  <Table.Td>{e.protocol}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </SimpleGrid>
  );
}
