import { Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import { CREATE_GROUP, GROUPS_QUERY, USERS_QUERY } from './admin-documents.js';
import { GroupCard } from './GroupCard.js';

/** Groups: create one, then add members with a role or remove them. */
export function GroupsPanel() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: GROUPS_QUERY });
  const [users] = useQuery({ query: USERS_QUERY });
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [creation, create] = useMutation(CREATE_GROUP);
  const submit = async () => {
    const outcome = await create({ input: { name: name.trim(), displayName: displayName.trim() || undefined } });
    if (outcome.error) return;
    setName('');
    setDisplayName('');
    refetch({ requestPolicy: 'network-only' });
  };
  const groups = data?.groups ?? [];
  const userChoices = (users.data?.users.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.login }));
  return (
    <Stack>
      <Stack component="section" aria-labelledby="new-group-heading" gap="xs">
        <Title order={2} size="h3" id="new-group-heading">
          New group
        </Title>
        <Group align="flex-end">
          <TextInput label="Group name" description="Lowercase; the group id is grp-<name>" value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput label="Group display name" value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
          <Button onClick={() => void submit()} loading={creation.fetching} disabled={!name.trim()}>
            Create group
          </Button>
        </Group>
        {creation.error && <ErrorNotice error={creation.error} title="The group was not created" />}
      </Stack>
      <Title order={2} size="h3">
        Groups
      </Title>
      {error && <ErrorNotice error={error} title="Groups could not be loaded" />}
      {users.error && <ErrorNotice error={users.error} title="Users could not be loaded" />}
      {fetching && !data && <Loading label="Loading groups…" />}
      {data && groups.length === 0 && <Empty title="No groups yet">Create one so its members share runtimes and repositories.</Empty>}
      {groups.map((group) => (
        <GroupCard key={group.id} group={group} userChoices={userChoices} />
      ))}
    </Stack>
  );
}
