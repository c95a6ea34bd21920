import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import type { ResultOf } from '../../graphql.js';
import { USERS_QUERY } from './admin-documents.js';
import { CreateUserModal } from './CreateUserModal.js';
import { EditUserModal } from './EditUserModal.js';

export type AdminUser = ResultOf<typeof USERS_QUERY>['users']['edges'][number]['node'];

/** Every account with its roles and status. */
export function UsersPanel() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: USERS_QUERY });
  const [creating, create] = useDisclosure(false);
  const [editing, setEditing] = useState<AdminUser | undefined>();
  const users = data?.users.edges.map((e) => e.node) ?? [];
  return (
    <Stack component="section" aria-labelledby="users-heading">
      <Group justify="space-between">
        <Title order={2} size="h3" id="users-heading">
          Users {data && <Text span c="dimmed">({data.users.totalCount})</Text>}
        </Title>
        <Button onClick={create.open}>New user</Button>
      </Group>
      {error && <ErrorNotice error={error} title="Users could not be loaded" />}
      {fetching && !data && <Loading label="Loading users…" />}
      {data && users.length === 0 && <Empty title="No users" />}
      {users.length > 0 && (
        <Table striped aria-label="Users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Login</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Roles</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((user) => (
              <Table.Tr key={user.id} data-testid={`user-${user.login}`}>
                <Table.Td fw={600}>{user.login}</Table.Td>
                <Table.Td>{user.displayName}</Table.Td>
                <Table.Td>{user.email ?? '—'}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {user.roles.map((role) => (
                      <Badge key={role} variant="outline" size="sm">
                        {role}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={user.status} />
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => setEditing(user)} aria-label={`Edit ${user.login}`}>
                    Edit
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CreateUserModal opened={creating} onClose={create.close} onCreated={() => refetch({ requestPolicy: 'network-only' })} />
      {editing && <EditUserModal user={editing} onClose={() => setEditing(undefined)} />}
    </Stack>
  );
}
