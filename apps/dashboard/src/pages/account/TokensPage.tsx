import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/states.js';
import { CreateTokenForm } from './CreateTokenForm.js';
import { TokenTable } from './TokenTable.js';
import { TOKENS_QUERY } from './token-documents.js';

/** Personal access tokens, for the CLI and scripts: created here, shown once, revoked here. */
export function TokensPage() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: TOKENS_QUERY });
  return (
    <Stack gap="lg">
      <Title order={1}>Access tokens</Title>
      <Text size="sm" c="dimmed">
        A token acts as you from the CLI or a script: read tokens may only query, full tokens may do what you can.
      </Text>
      <CreateTokenForm onCreated={() => refetch({ requestPolicy: 'network-only' })} />
      {error && <ErrorNotice error={error} title="Tokens could not be loaded" />}
      {fetching && !data && <Loading label="Loading tokens…" />}
      {data && <TokenTable tokens={data.tokens} />}
    </Stack>
  );
}
