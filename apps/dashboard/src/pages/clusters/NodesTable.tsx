import { Table, Text } from '@mantine/core';
import { Empty } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import type { ClusterNodeView } from './cluster-types.js';

/** A node's health badge and why (the agent monitor's reason and message). */
function Health({ node }: { node: ClusterNodeView }) {
  if (!node.health) return <Text size="sm" c="gray.7">not reported</Text>;
  return (
    <div>
      <StatusBadge status={node.health.status} />
      <Text size="xs" c="gray.7">
        {node.health.reason}
        {node.health.message ? `: ${node.health.message}` : ''}
        {node.health.since ? ` · since ${new Date(node.health.since).toLocaleString()}` : ''}
        {node.health.observedAt ? ` (seen ${new Date(node.health.observedAt).toLocaleTimeString()})` : ''}
      </Text>
    </div>
  );
}

export function NodesTable({ nodes }: { nodes: readonly ClusterNodeView[] }) {
  if (nodes.length === 0) return <Empty title="No nodes">The cluster has no nodes yet.</Empty>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table data-testid="nodes-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Node</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>SID</Table.Th>
            <Table.Th>IP</Table.Th>
            <Table.Th>Size</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Health</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {nodes.map((node) => (
            <Table.Tr key={node.id} data-testid={`node-${node.id}`}>
              <Table.Td ff="monospace">{node.id}</Table.Td>
              <Table.Td>{node.role || '—'}</Table.Td>
              <Table.Td>{node.serverId}</Table.Td>
              <Table.Td ff="monospace">{node.privateIp ?? '—'}</Table.Td>
              <Table.Td>
                {node.cpu} CPU · {node.memoryMiB} MiB · {node.volumeSizeGiB} GiB
              </Table.Td>
              <Table.Td>
                <StatusBadge status={node.status} />
              </Table.Td>
              <Table.Td>
                <Health node={node} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
