import { List, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { REPO_EVENTS_QUERY } from './repo-documents.js';

const POLL_MS = 2000;

function when(at: string | null | undefined): string {
  return at ? new Date(at).toLocaleTimeString() : '—';
}

/** Index runs, newest first, asked again every two seconds while one is pending or working. */
export function IndexRuns({ repoId, startedRunId, onRunFinished }: { repoId: string; startedRunId?: string; onRunFinished: () => void }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: REPO_EVENTS_QUERY, variables: { repoId } });
  const runs = data?.repoEvents.edges.map((e) => e.node) ?? [];
  const running = runs.some((run) => run.status === 'pending' || run.status === 'working');
  const knownStarted = startedRunId !== undefined && runs.some((run) => run.id === startedRunId);
  const wasRunning = useRef(false);

  useEffect(() => {
    if (!running && knownStarted) return undefined;
    if (!running && startedRunId === undefined) return undefined;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [running, knownStarted, startedRunId, refetch]);
  useEffect(() => {
    if (wasRunning.current && !running) onRunFinished();
    wasRunning.current = running;
  }, [running, onRunFinished]);

  return (
    <Stack component="section" aria-labelledby="index-runs-heading" gap="xs">
      <Title order={2} size="h3" id="index-runs-heading">
        Index runs
      </Title>
      {error && <ErrorNotice error={error} title="Index runs could not be loaded" />}
      {fetching && !data && <Loading label="Loading index runs…" />}
      {data && runs.length === 0 && <Empty title="No index runs yet">Index the repository to read its packages.</Empty>}
      {runs.length > 0 && (
        <Table striped aria-label="Index runs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Status</Table.Th>
              <Table.Th>Trigger</Table.Th>
              <Table.Th>Started</Table.Th>
              <Table.Th>Finished</Table.Th>
              <Table.Th>Added / updated / removed / unchanged</Table.Th>
              <Table.Th>Problems</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.map((run) => (
              <Table.Tr key={run.id} data-testid="index-run">
                <Table.Td>
                  <StatusBadge status={run.status} />
                </Table.Td>
                <Table.Td>{run.trigger}</Table.Td>
                <Table.Td>{when(run.startedAt ?? run.createdAt)}</Table.Td>
                <Table.Td>{when(run.finishedAt)}</Table.Td>
                <Table.Td>
                  {run.added} / {run.updated} / {run.removed} / {run.unchanged}
                </Table.Td>
                <Table.Td>
                  {run.error && (
                    <Text size="sm" c="red">
                      {run.error}
                    </Text>
                  )}
                  {run.failures.length > 0 && (
                    <List size="sm">
                      {run.failures.map((f) => (
                        <List.Item key={`${f.path}:${f.code}`}>
                          <Text span ff="monospace">
                            {f.code}
                          </Text>{' '}
                          {f.name} {f.version} ({f.path}): {f.reason}
                        </List.Item>
                      ))}
                    </List>
                  )}
                  {!run.error && run.failures.length === 0 && '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
