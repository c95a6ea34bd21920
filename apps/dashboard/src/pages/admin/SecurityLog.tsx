import { Badge, Code, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import { SECURITY_EVENTS_QUERY } from './admin-documents.js';

/** The security audit log, newest first: sign-ins, token and account changes, refusals. */
export function SecurityLog() {
  const [action, setAction] = useState('');
  const [debounced] = useDebouncedValue(action.trim(), 300);
  const [{ data, error, fetching }] = useQuery({ query: SECURITY_EVENTS_QUERY, variables: { filter: debounced ? { action: debounced } : {} }, requestPolicy: 'network-only' });
  const events = data?.securityEvents.edges.map((e) => e.node) ?? [];
  return (
    <Stack component="section" aria-labelledby="audit-log-heading">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="audit-log-heading">
          Audit log {data && <Text span c="dimmed">({data.securityEvents.totalCount})</Text>}
        </Title>
        <TextInput label="Action" placeholder="e.g. auth.login" value={action} onChange={(e) => setAction(e.currentTarget.value)} />
      </Group>
      {error && <ErrorNotice error={error} title="The audit log could not be loaded" />}
      {fetching && !data && <Loading label="Loading the audit log…" />}
      {data && events.length === 0 && <Empty title="No events">Nothing matches this action.</Empty>}
      {events.length > 0 && (
        <Table striped aria-label="Security events" data-testid="security-events">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Outcome</Table.Th>
              <Table.Th>Actor</Table.Th>
              <Table.Th>Target</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{new Date(e.at).toLocaleString()}</Table.Td>
                <Table.Td ff="monospace">{e.action}</Table.Td>
                <Table.Td>
                  <Badge color={e.outcome === 'success' ? 'teal.9' : 'red.9'} variant="filled">
                    {e.outcome}
                  </Badge>
                </Table.Td>
                <Table.Td>{e.actorLogin ?? e.actorId ?? '—'}</Table.Td>
                <Table.Td>{e.target ?? '—'}</Table.Td>
                <Table.Td>{e.sourceAddress ?? '—'}</Table.Td>
                <Table.Td>{e.details ? <Code>{JSON.stringify(e.details)}</Code> : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
