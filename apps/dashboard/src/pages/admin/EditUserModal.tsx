import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { UPDATE_USER } from './admin-documents.js';
import { RolesField } from './RolesField.js';
import type { AdminUser } from './UsersPanel.js';

/** Changes an account's name, email, roles and status (disabled accounts cannot sign in). */
export function EditUserModal({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [email, setEmail] = useState(user.email ?? '');
  const [roles, setRoles] = useState<string[]>([...user.roles]);
  const [status, setStatus] = useState<string | null>(user.status);
  const [result, update] = useMutation(UPDATE_USER);
  const save = async () => {
    const outcome = await update({ id: user.id, input: { displayName, email: email.trim() || undefined, roles, status: status ?? undefined } });
    if (!outcome.error) onClose();
  };
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened onClose={onClose} title={`Edit ${user.login}`}>
      <Stack>
        <TextInput label="Display name" value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
        <TextInput label="Email" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
        <RolesField value={roles} onChange={setRoles} />
        <Select label="Status" data={['active', 'disabled']} value={status} onChange={setStatus} allowDeselect={false} />
        {result.error && <ErrorNotice error={result.error} title="The user was not changed" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={result.fetching}>
            Save user
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
