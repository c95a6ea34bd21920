import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { CREATE_USER, GROUPS_QUERY } from './admin-documents.js';
import { RolesField } from './RolesField.js';

export function CreateUserModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: () => void }) {
  const [groups] = useQuery({ query: GROUPS_QUERY, pause: !opened });
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>(['user']);
  const [primaryGroupId, setPrimaryGroupId] = useState<string | null>(null);
  const [result, create] = useMutation(CREATE_USER);
  const submit = async () => {
    const outcome = await create({
      input: { login: login.trim(), displayName: displayName.trim() || undefined, email: email.trim() || undefined, password: password || undefined, roles, primaryGroupId: primaryGroupId ?? undefined },
    });
    if (outcome.error) return;
    onCreated();
    onClose();
    setLogin('');
    setDisplayName('');
    setEmail('');
    setPassword('');
  };
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title="New user">
      <Stack>
        {groups.error && <ErrorNotice error={groups.error} title="Groups could not be loaded" />}
        <TextInput label="Login" required value={login} onChange={(e) => setLogin(e.currentTarget.value)} />
        <TextInput label="Display name" value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
        <TextInput label="Email" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
        <PasswordInput label="Password" description="At least 12 characters; leave empty for SSO or token-only accounts" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
        <RolesField value={roles} onChange={setRoles} />
        <Select label="Primary group" clearable placeholder="None" data={(groups.data?.groups ?? []).map((g) => ({ value: g.id, label: g.displayName }))} value={primaryGroupId} onChange={setPrimaryGroupId} />
        {result.error && <ErrorNotice error={result.error} title="The user was not created" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} loading={result.fetching} disabled={!login.trim()}>
            Create user
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
