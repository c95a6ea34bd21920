import { Button, Fieldset, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useMe } from '../../app/me.js';
import { problemOf } from '../../api/problem.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { CreateCredentialModal } from './CreateCredentialModal.js';
import { CREATE_RUNTIME, CREDENTIALS_QUERY, PROVIDERS_QUERY } from './runtime-documents.js';
import { parseLabels } from './labels.js';
import { ProviderOptionInput } from './ProviderOptionInput.js';
import { initialDrafts, missingRequired, optionsFromDrafts, problemsByField, type OptionDraft } from './provider-options.js';
import { ZoneSelect } from './ZoneSelect.js';

/**
 * A new runtime: provider from the installation's list, a credential of that provider, the
 * provider's options drawn from its own description, and a zone the provider offers.
 */
export function CreateRuntimeModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: () => void }) {
  const me = useMe();
  const [providers] = useQuery({ query: PROVIDERS_QUERY, pause: !opened });
  const [credentials, refetchCredentials] = useQuery({ query: CREDENTIALS_QUERY, pause: !opened });
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [provider, setProvider] = useState<string | null>(null);
  const [credentialId, setCredentialId] = useState<string | null>(null);
  const [zone, setZone] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, OptionDraft>>({});
  const [labelsText, setLabelsText] = useState('');
  const [groupId, setGroupId] = useState<string | null>(null);
  const [addingCredential, credentialModal] = useDisclosure(false);
  const [result, create] = useMutation(CREATE_RUNTIME);

  const providerInfo = providers.data?.providers.find((p) => p.name === provider);
  const optionFields = useMemo(() => providerInfo?.optionFields ?? [], [providerInfo]);
  const options = optionsFromDrafts(optionFields, drafts);
  const optionsValid = Object.keys(options.errors).length === 0 && missingRequired(optionFields, drafts).length === 0;
  const apiOptionProblems = result.error ? problemsByField(optionFields, problemOf(result.error).problems) : {};
  const labels = parseLabels(labelsText);
  const credentialChoices = (credentials.data?.credentials.edges ?? []).map((e) => e.node).filter((c) => c.provider === provider);
  const ready = name.trim() && provider && zone && optionsValid && !labels.error && (!providerInfo?.requiresCredential || credentialId);

  const submit = async () => {
    if (!provider || !zone) return;
    const outcome = await create({
      input: { name: name.trim(), description, provider, zone, credentialId: credentialId ?? undefined, options: options.options, labels: labels.labels, groupId: groupId ?? undefined },
    });
    if (outcome.error) return;
    onCreated();
    onClose();
    setName('');
    setDescription('');
  };

  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title="New runtime" size="lg">
      <Stack>
        {providers.error && <ErrorNotice error={providers.error} title="Providers could not be loaded" />}
        {credentials.error && <ErrorNotice error={credentials.error} title="Credentials could not be loaded" />}
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <Select
          label="Provider"
          required
          placeholder={providers.fetching ? 'Loading providers…' : 'Choose a provider'}
          data={(providers.data?.providers ?? []).map((p) => ({ value: p.name, label: p.requiresCredential ? `${p.name} (needs a credential)` : p.name }))}
          value={provider}
          onChange={(value) => {
            setProvider(value);
            setCredentialId(null);
            setZone(null);
            setDrafts(initialDrafts(providers.data?.providers.find((p) => p.name === value)?.optionFields ?? []));
          }}
        />
        {provider && (
          <Group align="flex-end">
            <Select
              label="Credential"
              required={providerInfo?.requiresCredential}
              placeholder={providerInfo?.requiresCredential ? 'Choose a credential' : 'None'}
              clearable
              data={credentialChoices.map((c) => ({ value: c.id, label: c.name }))}
              value={credentialId}
              onChange={setCredentialId}
              style={{ flex: 1 }}
            />
            <Button variant="default" onClick={credentialModal.open}>
              New credential
            </Button>
          </Group>
        )}
        {optionFields.length > 0 && (
          <Fieldset legend={`Options of the ${provider} provider`} data-testid="provider-options">
            <Stack gap="sm">
              <Text size="xs" c="dimmed">
                Each starts at the provider&apos;s default; only what you change is stored. Secrets go in the credential, never here.
              </Text>
              {optionFields.map((field) => (
                <ProviderOptionInput
                  key={field.key}
                  field={field}
                  value={drafts[field.key]}
                  onChange={(value) => setDrafts((current) => ({ ...current, [field.key]: value }))}
                  error={options.errors[field.key] ?? apiOptionProblems[field.key]}
                />
              ))}
            </Stack>
          </Fieldset>
        )}
        {provider && <ZoneSelect provider={provider} credentialId={credentialId} options={Object.keys(options.errors).length === 0 ? options.options : undefined} value={zone} onChange={setZone} />}
        <Textarea label="Labels" description="key=value, one a line" autosize minRows={2} value={labelsText} onChange={(e) => setLabelsText(e.currentTarget.value)} error={labels.error} />
        {me.groups.length > 0 && (
          <Select
            label="Owner"
            description="A group's members may all deploy to it"
            clearable
            placeholder="Just me"
            data={me.groups.map((g) => ({ value: g.id, label: g.displayName }))}
            value={groupId}
            onChange={setGroupId}
          />
        )}
        {result.error && <ErrorNotice error={result.error} title="The runtime was not created" />}
        <Text size="xs" c="dimmed">
          The API checks the provider, credential, zone and options live before it stores the runtime.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} loading={result.fetching} disabled={!ready}>
            Create runtime
          </Button>
        </Group>
      </Stack>
      <CreateCredentialModal
        opened={addingCredential}
        onClose={credentialModal.close}
        provider={provider ?? undefined}
        onCreated={(id) => {
          refetchCredentials({ requestPolicy: 'network-only' });
          setCredentialId(id);
        }}
      />
    </Modal>
  );
}
