import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { REVIEW_QUEUE_QUERY } from './review-documents.js';

/** Versions waiting for a reviewer: submitted (not yet taken) and in review, oldest first. */
export function ReviewQueuePage() {
  const [{ data, error, fetching }] = useQuery({ query: REVIEW_QUEUE_QUERY, requestPolicy: 'cache-and-network' });
  const versions = data ? [...data.inReview.edges, ...data.submitted.edges].map((e) => e.node) : [];
  return (
    <Stack>
      <Title order={1}>Review</Title>
      {error && <ErrorNotice error={error} title="The review queue could not be loaded" />}
      {fetching && !data && <Loading label="Loading the review queue…" />}
      {data && versions.length === 0 && <Empty title="Nothing to review">Versions of public repositories appear here when their developers submit them.</Empty>}
      {versions.length > 0 && (
        <Table striped aria-label="Review queue">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Package</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Since</Table.Th>
              <Table.Th>Developer's note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((v) => (
              <Table.Tr key={v.id} data-testid={`queue-${v.name}-${v.version}`}>
                <Table.Td>
                  <Anchor fw={600} renderRoot={(props) => <Link {...props} to="/review/$versionId" params={{ versionId: v.id }} />}>
                    {v.name} {v.version}
                  </Anchor>
                </Table.Td>
                <Table.Td>{v.version}</Table.Td>
                <Table.Td>{v.owner}</Table.Td>
                <Table.Td>
                  <StatusBadge status={v.status} />
                </Table.Td>
                <Table.Td>{new Date(v.statusTime).toLocaleString()}</Table.Td>
                <Table.Td>
                  <Text size="sm">{v.message ?? ''}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
