import { Button, Table } from '@mantine/core';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import type { ResultOf } from '../../graphql.js';
import { REVOKE_TOKEN, type TOKENS_QUERY } from './token-documents.js';

type Token = ResultOf<typeof TOKENS_QUERY>['tokens'][number];

function date(at: string | null | undefined, none: string): string {
  return at ? new Date(at).toLocaleString() : none;
}

function stateOf(token: Token): string {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() < Date.now()) return 'expired';
  return 'active';
}

function TokenRow({ token }: { token: Token }) {
  const [result, revoke] = useMutation(REVOKE_TOKEN);
  const state = stateOf(token);
  return (
    <>
      <Table.Tr data-testid={`token-${token.name}`}>
        <Table.Td fw={600}>{token.name}</Table.Td>
        <Table.Td>{token.scope}</Table.Td>
        <Table.Td>{date(token.createdAt, '—')}</Table.Td>
        <Table.Td>{date(token.expiresAt, 'never')}</Table.Td>
        <Table.Td>{date(token.lastUsedAt, 'never')}</Table.Td>
        <Table.Td>
          <StatusBadge status={state} />
        </Table.Td>
        <Table.Td>
          {state === 'active' && (
            <Button size="xs" color="red.9" variant="light" loading={result.fetching} onClick={() => void revoke({ id: token.id })} aria-label={`Revoke ${token.name}`}>
              Revoke
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      {result.error && (
        <Table.Tr>
          <Table.Td colSpan={7}>
            <ErrorNotice error={result.error} title="The token was not revoked" />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

export function TokenTable({ tokens }: { tokens: readonly Token[] }) {
  if (tokens.length === 0) return <Empty title="No tokens yet">Create one for the CLI: `pitrix auth login --token …`.</Empty>;
  return (
    <Table striped aria-label="Access tokens">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Scope</Table.Th>
          <Table.Th>Created</Table.Th>
          <Table.Th>Expires</Table.Th>
          <Table.Th>Last used</Table.Th>
          <Table.Th>State</Table.Th>
          <Table.Th>Actions</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tokens.map((token) => (
          <TokenRow key={token.id} token={token} />
        ))}
      </Table.Tbody>
    </Table>
  );
}
