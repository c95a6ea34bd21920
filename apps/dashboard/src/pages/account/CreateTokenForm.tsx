import { Alert, Button, Code, CopyButton, Group, NumberInput, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { CREATE_TOKEN } from './token-documents.js';

/** Creates a token; its secret is shown this once (the API keeps only a hash), with a copy button. */
export function CreateTokenForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState<string | null>('read');
  const [days, setDays] = useState<string | number>(30);
  const [result, create] = useMutation(CREATE_TOKEN);
  const submit = async () => {
    const expiresInDays = typeof days === 'number' && days > 0 ? days : undefined;
    const outcome = await create({ input: { name: name.trim(), scope: scope ?? 'read', expiresInDays } });
    if (outcome.error) return;
    setName('');
    onCreated();
  };
  const secret = result.data?.createToken.token;
  return (
    <Stack component="section" aria-labelledby="new-token-heading" gap="xs">
      <Title order={2} size="h3" id="new-token-heading">
        New token
      </Title>
      <Group align="flex-end">
        <TextInput label="Token name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Select
          label="Scope"
          data={[
            { value: 'read', label: 'read (queries only)' },
            { value: 'full', label: 'full' },
          ]}
          value={scope}
          onChange={setScope}
          allowDeselect={false}
        />
        <NumberInput label="Expires in days" description="Empty: never" min={1} max={3650} value={days} onChange={setDays} />
        <Button onClick={() => void submit()} loading={result.fetching} disabled={!name.trim()}>
          Create token
        </Button>
      </Group>
      {result.error && <ErrorNotice error={result.error} title="The token was not created" />}
      {secret && !result.error && (
        <Alert color="blue" title={`Token ${result.data?.createToken.accessToken.name ?? ''} created: copy it now, it is not shown again`}>
          <Group>
            <Code data-testid="new-token-secret">{secret}</Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy} aria-label="Copy the token">
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}
