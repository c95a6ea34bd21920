import { Stack, Table, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { VERSION_AUDITS_QUERY } from './review-documents.js';

/** Every transition of the version, oldest first: who, as which role, from what to what, and why. */
export function AuditTrail({ versionId, epoch }: { versionId: string; epoch: number }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: VERSION_AUDITS_QUERY, variables: { versionId } });
  useEffect(() => {
    if (epoch > 0) refetch({ requestPolicy: 'network-only' });
  }, [epoch, refetch]);
  const audits = data?.audits.edges.map((e) => e.node) ?? [];
  return (
    <Stack component="section" aria-labelledby="audit-heading" gap="xs">
      <Title order={2} size="h3" id="audit-heading">
        Audit trail
      </Title>
      {error && <ErrorNotice error={error} title="The audit trail could not be loaded" />}
      {fetching && !data && <Loading label="Loading the audit trail…" />}
      {data && audits.length === 0 && <Empty title="No transitions yet" />}
      {audits.length > 0 && (
        <Table striped aria-label="Audit trail" data-testid="audit-trail">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>Message</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {audits.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{new Date(a.createdAt).toLocaleString()}</Table.Td>
                <Table.Td>{a.action}</Table.Td>
                <Table.Td>
                  {a.actor} ({a.role})
                </Table.Td>
                <Table.Td>{a.fromStatus ? <StatusBadge status={a.fromStatus} /> : '—'}</Table.Td>
                <Table.Td>
                  <StatusBadge status={a.toStatus} />
                </Table.Td>
                <Table.Td>{a.message ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
