import { Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { REMOVE_GROUP_MEMBER, ROLES, SET_GROUP_MEMBER } from './admin-documents.js';

interface AdminGroup {
  readonly id: string;
  readonly displayName: string;
  readonly members: readonly { userId: string; login: string; role: string }[];
}

/** One group with its members; adding a member who is already one changes their role. */
export function GroupCard({ group, userChoices }: { group: AdminGroup; userChoices: { value: string; label: string }[] }) {
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>('user');
  const [setting, setMember] = useMutation(SET_GROUP_MEMBER);
  const [removing, removeMember] = useMutation(REMOVE_GROUP_MEMBER);
  const error = setting.error ?? removing.error;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`group-${group.id}`} data-testid={`group-${group.id}`}>
      <Stack gap="xs">
        <Title order={3} size="h4" id={`group-${group.id}`}>
          {group.displayName}{' '}
          <Text span c="dimmed" size="sm">
            {group.id}
          </Text>
        </Title>
        {group.members.length === 0 ? (
          <Text size="sm" c="dimmed">
            No members yet.
          </Text>
        ) : (
          <Table aria-label={`Members of ${group.displayName}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Member</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {group.members.map((m) => (
                <Table.Tr key={m.userId}>
                  <Table.Td>{m.login}</Table.Td>
                  <Table.Td>{m.role}</Table.Td>
                  <Table.Td>
                    <Button size="xs" color="red.9" variant="light" onClick={() => void removeMember({ groupId: group.id, userId: m.userId })} aria-label={`Remove ${m.login} from ${group.displayName}`}>
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group align="flex-end">
          <Select label={`Member to add to ${group.displayName}`} searchable placeholder="Choose a user" data={userChoices} value={userId} onChange={setUserId} />
          <Select label={`Role in ${group.displayName}`} data={[...ROLES]} value={role} onChange={setRole} allowDeselect={false} />
          <Button
            variant="default"
            disabled={!userId || !role}
            loading={setting.fetching}
            onClick={() => {
              if (userId && role) void setMember({ groupId: group.id, userId, role }).then((r) => !r.error && setUserId(null));
            }}
          >
            Add member
          </Button>
        </Group>
        {error && <ErrorNotice error={error} title="The membership did not change" />}
        {removing.fetching && (
          <Text size="sm" role="status">
            Removing…
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
