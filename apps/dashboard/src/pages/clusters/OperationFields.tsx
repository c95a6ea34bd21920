import { Checkbox, Group, NumberInput, Select, Stack, Table, TextInput } from '@mantine/core';
import type { ClusterView } from './cluster-types.js';
import type { OperationArgs, OperationName } from './operations.js';
import { ActionFields, UpdateEnvFields, UpgradeFields } from './PackageOperationFields.js';

interface Props {
  readonly name: OperationName;
  readonly cluster: ClusterView;
  readonly args: OperationArgs;
  readonly onChange: (args: OperationArgs) => void;
}

/** Starting arguments of an operation: what the cluster has now. */
export function initialArgs(name: OperationName, cluster: ClusterView): OperationArgs {
  if (name === 'ADD_NODES') return { role: cluster.roles[0]?.role ?? '', count: 1 };
  if (name === 'RESIZE') return { roles: cluster.roles.map((r) => ({ role: r.role, cpu: r.cpu, memoryMiB: r.memoryMiB, volumeSizeGiB: r.volumeSizeGiB })) };
  if (name === 'DELETE_NODES') return { nodeIds: [], force: false };
  return {};
}

function ResizeFields({ args, onChange }: Omit<Props, 'name' | 'cluster'>) {
  const roles = args.roles ?? [];
  const set = (index: number, key: 'cpu' | 'memoryMiB' | 'volumeSizeGiB', value: string | number) =>
    onChange({ ...args, roles: roles.map((r, i) => (i === index ? { ...r, [key]: typeof value === 'number' ? value : undefined } : r)) });
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Role</Table.Th>
          <Table.Th>CPU</Table.Th>
          <Table.Th>Memory (MiB)</Table.Th>
          <Table.Th>Volume (GiB)</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {roles.map((r, i) => (
          <Table.Tr key={r.role}>
            <Table.Td>{r.role || '(all nodes)'}</Table.Td>
            <Table.Td>
              <NumberInput aria-label={`CPU of ${r.role}`} min={1} value={r.cpu ?? ''} onChange={(v) => set(i, 'cpu', v)} />
            </Table.Td>
            <Table.Td>
              <NumberInput aria-label={`Memory of ${r.role}`} min={1} value={r.memoryMiB ?? ''} onChange={(v) => set(i, 'memoryMiB', v)} />
            </Table.Td>
            <Table.Td>
              <NumberInput aria-label={`Volume of ${r.role}`} min={0} value={r.volumeSizeGiB ?? ''} onChange={(v) => set(i, 'volumeSizeGiB', v)} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The arguments an operation takes, as form fields; operations without any draw nothing. */
export function OperationFields({ name, cluster, args, onChange }: Props) {
  switch (name) {
    case 'ADD_NODES':
      return (
        <Group grow>
          <Select label="Role" data={cluster.roles.map((r) => ({ value: r.role, label: r.role || '(all nodes)' }))} value={args.role ?? null} onChange={(v) => onChange({ ...args, role: v ?? '' })} />
          <NumberInput label="Nodes to add" min={1} value={args.count ?? 1} onChange={(v) => onChange({ ...args, count: typeof v === 'number' ? v : 1 })} />
        </Group>
      );
    case 'DELETE_NODES':
      return (
        <Stack gap="xs">
          <Checkbox.Group label="Nodes to remove" value={[...(args.nodeIds ?? [])]} onChange={(nodeIds) => onChange({ ...args, nodeIds })}>
            <Stack gap={4} mt={4}>
              {cluster.nodes.map((n) => (
                <Checkbox key={n.id} value={n.id} label={`${n.id} (${n.role || 'node'} ${n.privateIp ?? ''})`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Checkbox label="Force (override destroy-hook vetoes)" checked={args.force ?? false} onChange={(e) => onChange({ ...args, force: e.currentTarget.checked })} />
        </Stack>
      );
    case 'DELETE':
      return <Checkbox label="Force (override destroy-hook vetoes and any status)" checked={args.force ?? false} onChange={(e) => onChange({ ...args, force: e.currentTarget.checked })} />;
    case 'RESIZE':
      return <ResizeFields args={args} onChange={onChange} />;
    case 'UPGRADE':
      return <UpgradeFields cluster={cluster} args={args} onChange={onChange} />;
    case 'UPDATE_ENV':
      return <UpdateEnvFields cluster={cluster} args={args} onChange={onChange} />;
    case 'RUN_ACTION':
      return <ActionFields cluster={cluster} args={args} onChange={onChange} />;
    case 'BACKUP':
      return <TextInput label="Snapshot id" description="Leave empty for a new one" value={args.snapshotId ?? ''} onChange={(e) => onChange({ ...args, snapshotId: e.currentTarget.value })} />;
    case 'RESTORE':
      return <TextInput label="Snapshot id" required value={args.snapshotId ?? ''} onChange={(e) => onChange({ ...args, snapshotId: e.currentTarget.value })} />;
    default:
      return null;
  }
}
