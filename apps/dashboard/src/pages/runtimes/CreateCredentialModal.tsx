import { Button, Checkbox, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { CREATE_CREDENTIAL, PROVIDERS_QUERY } from './runtime-documents.js';
import { parseJsonObject } from './labels.js';

/** The provider whose secret is one kubeconfig file: typed as YAML, not as a JSON object. */
const KUBERNETES_PROVIDER = 'kubernetes';

const monospaceInput = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

/** A new credential; its secret is sealed by the API at once and never shown again. */
export function CreateCredentialModal({ opened, onClose, onCreated, provider: fixedProvider }: { opened: boolean; onClose: () => void; onCreated: (id: string) => void; provider?: string }) {
  const [providers] = useQuery({ query: PROVIDERS_QUERY, pause: !opened });
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [provider, setProvider] = useState<string | null>(fixedProvider ?? null);
  const [endpoint, setEndpoint] = useState('');
  const [secretText, setSecretText] = useState('{\n  "accessKeyId": "",\n  "secretAccessKey": ""\n}');
  const [kubeconfig, setKubeconfig] = useState('');
  const [validate, setValidate] = useState(true);
  const [result, create] = useMutation(CREATE_CREDENTIAL);
  const isKubernetes = provider === KUBERNETES_PROVIDER;
  const secret: { value?: Record<string, unknown>; error?: string } = isKubernetes ? (kubeconfig.trim() ? { value: { kubeconfig } } : {}) : parseJsonObject(secretText);
  useEffect(() => {
    if (fixedProvider) setProvider(fixedProvider);
  }, [fixedProvider]);

  const submit = async () => {
    if (!provider || !secret.value) return;
    const outcome = await create({ input: { name: name.trim(), description, provider, endpoint: endpoint.trim() || undefined, secret: secret.value, validate } });
    if (!outcome.data) return;
    onCreated(outcome.data.createCredential.id);
    onClose();
    setName('');
    setKubeconfig('');
  };

  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title="New credential">
      <Stack>
        {providers.error && <ErrorNotice error={providers.error} title="Providers could not be loaded" />}
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <Select label="Provider" required data={(providers.data?.providers ?? []).map((p) => p.name)} value={provider} onChange={setProvider} />
        <TextInput label="Endpoint" description="The provider's API address, when not its default" value={endpoint} onChange={(e) => setEndpoint(e.currentTarget.value)} />
        {isKubernetes ? (
          <Textarea
            label="Kubeconfig"
            description="The kubeconfig YAML; its current context names the cluster and user. Sealed at once and never returned"
            required
            autosize
            minRows={6}
            maxRows={20}
            styles={monospaceInput}
            autoComplete="off"
            spellCheck={false}
            value={kubeconfig}
            onChange={(e) => setKubeconfig(e.currentTarget.value)}
          />
        ) : (
          <Textarea
            label="Secret"
            description="A JSON object of the secret fields; sealed at once and never returned"
            autosize
            minRows={3}
            styles={monospaceInput}
            autoComplete="off"
            spellCheck={false}
            value={secretText}
            onChange={(e) => setSecretText(e.currentTarget.value)}
            error={secret.error}
          />
        )}
        <Checkbox label="Check it against the provider before storing it" checked={validate} onChange={(e) => setValidate(e.currentTarget.checked)} />
        {result.error && <ErrorNotice error={result.error} title="The credential was not created" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} loading={result.fetching} disabled={!name.trim() || !provider || !secret.value}>
            Create credential
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
