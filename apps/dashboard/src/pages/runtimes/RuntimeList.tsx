import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import { CreateRuntimeModal } from './CreateRuntimeModal.js';
import { RuntimeRow } from './RuntimeRow.js';
import { RUNTIMES_QUERY } from './runtime-documents.js';

export function RuntimeList() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: RUNTIMES_QUERY });
  const [creating, { open, close }] = useDisclosure(false);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const runtimes = data?.runtimes.edges.map((edge) => edge.node) ?? [];
  return (
    <Stack component="section" aria-labelledby="runtimes-heading">
      <Group justify="space-between">
        <Title order={2} id="runtimes-heading" size="h3">
          Runtimes {data && <Text span c="dimmed">({data.runtimes.totalCount})</Text>}
        </Title>
        <Button onClick={open}>New runtime</Button>
      </Group>
      {error && <ErrorNotice error={error} title="Runtimes could not be loaded" />}
      {fetching && !data && <Loading label="Loading runtimes…" />}
      {data && runtimes.length === 0 && <Empty title="No runtimes yet">Create one to have somewhere to deploy.</Empty>}
      {runtimes.length > 0 && (
        <Table striped aria-label="Runtimes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Provider</Table.Th>
              <Table.Th>Zone</Table.Th>
              <Table.Th>Labels</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Healing</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runtimes.map((runtime) => (
              <RuntimeRow key={runtime.id} runtime={runtime} onDeleted={reload} onChanged={reload} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CreateRuntimeModal opened={creating} onClose={close} onCreated={reload} />
    </Stack>
  );
}
