import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useNavigate } from '@tanstack/react-router';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { LabelList } from '../runtimes/LabelList.js';
import { AddRepoModal } from './AddRepoModal.js';
import { REPOS_QUERY } from './repo-documents.js';

/** The repositories the caller owns, and every public one. */
export function ReposPage() {
  const [{ data, error, fetching }] = useQuery({ query: REPOS_QUERY });
  const [adding, { open, close }] = useDisclosure(false);
  const navigate = useNavigate();
  const repos = data?.repos.edges.map((e) => e.node) ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Repositories</Title>
        <Button onClick={open}>Add repository</Button>
      </Group>
      {error && <ErrorNotice error={error} title="Repositories could not be loaded" />}
      {fetching && !data && <Loading label="Loading repositories…" />}
      {data && repos.length === 0 && <Empty title="No repositories yet">Add one (a folder of package archives on S3 or HTTP), or push a package to one.</Empty>}
      {repos.length > 0 && (
        <Table striped aria-label="Repositories">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>URL</Table.Th>
              <Table.Th>Visibility</Table.Th>
              <Table.Th>Providers</Table.Th>
              <Table.Th>Labels</Table.Th>
              <Table.Th>Last indexed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {repos.map((repo) => (
              <Table.Tr key={repo.id}>
                <Table.Td>
                  <Anchor fw={600} renderRoot={(props) => <Link {...props} to="/repos/$repoId" params={{ repoId: repo.id }} />}>
                    {repo.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {repo.url}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={repo.visibility} />
                </Table.Td>
                <Table.Td>{repo.providers.join(', ') || '—'}</Table.Td>
                <Table.Td>
                  <LabelList labels={repo.labels} />
                </Table.Td>
                <Table.Td>{repo.lastIndexedAt ? new Date(repo.lastIndexedAt).toLocaleString() : 'never'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <AddRepoModal opened={adding} onClose={close} onCreated={(id) => void navigate({ to: '/repos/$repoId', params: { repoId: id } })} />
    </Stack>
  );
}
