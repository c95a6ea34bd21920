import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import type { ResultOf } from '../../graphql.js';
import { ConfirmDeleteModal } from './ConfirmDeleteModal.js';
import { CreateCredentialModal } from './CreateCredentialModal.js';
import { CREDENTIALS_QUERY, DELETE_CREDENTIAL, VALIDATE_CREDENTIAL } from './runtime-documents.js';

type Credential = ResultOf<typeof CREDENTIALS_QUERY>['credentials']['edges'][number]['node'];

function CredentialRow({ credential, onDeleted }: { credential: Credential; onDeleted: () => void }) {
  const [validation, validate] = useMutation(VALIDATE_CREDENTIAL);
  const [deletion, remove] = useMutation(DELETE_CREDENTIAL);
  const [confirming, confirm] = useDisclosure(false);
  const [checked, setChecked] = useState(false);
  const outcome = validation.data?.validateCredential;
  return (
    <>
      <Table.Tr data-testid={`credential-${credential.name}`}>
        <Table.Td>
          <Text fw={600}>{credential.name}</Text>
          <Text size="xs" c="dimmed">
            {credential.description || credential.id}
          </Text>
        </Table.Td>
        <Table.Td>{credential.provider}</Table.Td>
        <Table.Td>{credential.secretFields.join(', ')}</Table.Td>
        <Table.Td>
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              loading={validation.fetching}
              aria-label={`Validate credential ${credential.name}`}
              onClick={() => {
                setChecked(true);
                void validate({ id: credential.id });
              }}
            >
              Validate
            </Button>
            <Button size="xs" color="red.9" variant="light" loading={deletion.fetching} onClick={confirm.open} aria-label={`Delete credential ${credential.name}`}>
              Delete
            </Button>
          </Group>
        </Table.Td>
      </Table.Tr>
      {((checked && (outcome || validation.error)) || deletion.error) && (
        <Table.Tr>
          <Table.Td colSpan={4}>
            {outcome && (
              <Text role="status" fw={600} c={outcome.valid ? 'teal.9' : 'red.9'}>
                {outcome.valid ? `Valid: acts as ${outcome.identity ?? 'an unnamed identity'}` : `Not valid: ${outcome.reason ?? ''} ${outcome.message ?? ''}`}
              </Text>
            )}
            {validation.error && <ErrorNotice error={validation.error} title="Validation failed" />}
            {deletion.error && <ErrorNotice error={deletion.error} title="The credential was kept" />}
          </Table.Td>
        </Table.Tr>
      )}
      <ConfirmDeleteModal
        opened={confirming}
        onClose={confirm.close}
        what={`credential ${credential.name}`}
        onConfirm={() => {
          confirm.close();
          void remove({ id: credential.id }).then((r) => !r.error && onDeleted());
        }}
      >
        A credential a runtime uses is refused.
      </ConfirmDeleteModal>
    </>
  );
}

/** Credentials: only the names of their secret fields are ever shown. */
export function CredentialsSection() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: CREDENTIALS_QUERY });
  const [creating, { open, close }] = useDisclosure(false);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const credentials = data?.credentials.edges.map((e) => e.node) ?? [];
  return (
    <Stack component="section" aria-labelledby="credentials-heading">
      <Group justify="space-between">
        <Title order={2} id="credentials-heading" size="h3">
          Credentials
        </Title>
        <Button variant="default" onClick={open}>
          New credential
        </Button>
      </Group>
      {error && <ErrorNotice error={error} title="Credentials could not be loaded" />}
      {fetching && !data && <Loading label="Loading credentials…" />}
      {data && credentials.length === 0 && <Empty title="No credentials">A runtime on a cloud provider needs one.</Empty>}
      {credentials.length > 0 && (
        <Table striped aria-label="Credentials">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Provider</Table.Th>
              <Table.Th>Secret fields</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {credentials.map((credential) => (
              <CredentialRow key={credential.id} credential={credential} onDeleted={reload} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CreateCredentialModal opened={creating} onClose={close} onCreated={reload} />
    </Stack>
  );
}
