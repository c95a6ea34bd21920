import { Button, Group, Modal, MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { hasRole, useMe } from '../../app/me.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { parseLabels } from '../runtimes/labels.js';
import { PROVIDERS_QUERY } from '../runtimes/runtime-documents.js';
import { credentialInput, NO_CREDENTIAL, RepoCredentialFields } from './RepoCredentialFields.js';
import { CREATE_REPO } from './repo-documents.js';

/** A new repository; the API checks it is reachable with its access, then indexes it. */
export function AddRepoModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const me = useMe();
  const [providers] = useQuery({ query: PROVIDERS_QUERY, pause: !opened });
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [chosenProviders, setChosenProviders] = useState<string[]>([]);
  const [labelsText, setLabelsText] = useState('');
  const [selectorsText, setSelectorsText] = useState('');
  const [visibility, setVisibility] = useState<string | null>('private');
  const [groupId, setGroupId] = useState<string | null>(null);
  const [credential, setCredential] = useState(NO_CREDENTIAL);
  const [result, create] = useMutation(CREATE_REPO);
  const labels = parseLabels(labelsText);
  const selectors = parseLabels(selectorsText);

  const submit = async () => {
    const outcome = await create({
      input: {
        name: name.trim(),
        url: url.trim(),
        description,
        providers: chosenProviders,
        labels: labels.labels,
        selectors: selectors.labels,
        visibility: visibility ?? 'private',
        groupId: groupId ?? undefined,
        credential: credentialInput(credential),
      },
    });
    if (!outcome.data) return;
    onClose();
    onCreated(outcome.data.createRepo.id);
  };

  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title="Add repository" size="lg">
      <Stack>
        {providers.error && <ErrorNotice error={providers.error} title="Providers could not be loaded" />}
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <TextInput label="URL" required description="s3://bucket/folder/, http(s)://host/path or file:///folder (admins)" value={url} onChange={(e) => setUrl(e.currentTarget.value)} />
        <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <MultiSelect label="Providers" description="Runtime providers that may deploy its apps" data={(providers.data?.providers ?? []).map((p) => p.name)} value={chosenProviders} onChange={setChosenProviders} />
        <Textarea label="Labels" description="key=value, one a line" autosize minRows={2} value={labelsText} onChange={(e) => setLabelsText(e.currentTarget.value)} error={labels.error} />
        <Textarea label="Selectors" description="Runtimes whose labels match may deploy its apps: key=value, one a line" autosize minRows={2} value={selectorsText} onChange={(e) => setSelectorsText(e.currentTarget.value)} error={selectors.error} />
        {hasRole(me, 'admin') && <Select label="Visibility" data={['private', 'public']} value={visibility} onChange={setVisibility} allowDeselect={false} />}
        {me.groups.length > 0 && (
          <Select label="Owner" description="A group's members manage it together" clearable placeholder="Just me" data={me.groups.map((g) => ({ value: g.id, label: g.displayName }))} value={groupId} onChange={setGroupId} />
        )}
        <RepoCredentialFields value={credential} onChange={setCredential} />
        {result.error && <ErrorNotice error={result.error} title="The repository was not added" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} loading={result.fetching} disabled={!name.trim() || !url.trim() || Boolean(labels.error || selectors.error)}>
            Add repository
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
