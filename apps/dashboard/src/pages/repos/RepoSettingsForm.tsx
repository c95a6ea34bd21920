import { Button, Group, MultiSelect, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { hasRole, useMe } from '../../app/me.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatLabels, parseLabels, type LabelPair } from '../runtimes/labels.js';
import { PROVIDERS_QUERY } from '../runtimes/runtime-documents.js';
import { UPDATE_REPO } from './repo-documents.js';

interface EditableRepo {
  readonly id: string;
  readonly description: string;
  readonly visibility: string;
  readonly providers: readonly string[];
  readonly labels: readonly LabelPair[];
  readonly selectors: readonly LabelPair[];
}

/** Edits what decides who may deploy the repo's apps: providers, labels, selectors (and, for admins, visibility). */
export function RepoSettingsForm({ repo }: { repo: EditableRepo }) {
  const me = useMe();
  const [providers] = useQuery({ query: PROVIDERS_QUERY });
  const [description, setDescription] = useState(repo.description);
  const [visibility, setVisibility] = useState<string | null>(repo.visibility);
  const [chosenProviders, setChosenProviders] = useState<string[]>([...repo.providers]);
  const [labelsText, setLabelsText] = useState(formatLabels(repo.labels));
  const [selectorsText, setSelectorsText] = useState(formatLabels(repo.selectors));
  const [result, update] = useMutation(UPDATE_REPO);
  const labels = parseLabels(labelsText);
  const selectors = parseLabels(selectorsText);
  const save = () =>
    void update({
      id: repo.id,
      input: { description, providers: chosenProviders, labels: labels.labels, selectors: selectors.labels, ...(visibility && visibility !== repo.visibility ? { visibility } : {}) },
    });
  return (
    <Stack component="section" aria-labelledby="settings-heading" gap="xs">
      <Title order={2} size="h3" id="settings-heading">
        Settings
      </Title>
      {providers.error && <ErrorNotice error={providers.error} title="Providers could not be loaded" />}
      <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
      <MultiSelect label="Providers" description="Runtime providers that may deploy its apps" data={(providers.data?.providers ?? []).map((p) => p.name)} value={chosenProviders} onChange={setChosenProviders} />
      <Group grow align="flex-start">
        <Textarea label="Labels" description="key=value, one a line" autosize minRows={2} value={labelsText} onChange={(e) => setLabelsText(e.currentTarget.value)} error={labels.error} />
        <Textarea label="Selectors" description="Runtime labels that may deploy: key=value, one a line" autosize minRows={2} value={selectorsText} onChange={(e) => setSelectorsText(e.currentTarget.value)} error={selectors.error} />
      </Group>
      {hasRole(me, 'admin') && <Select label="Visibility" description="A public repo's versions are reviewed and listed to everyone" data={['private', 'public']} value={visibility} onChange={setVisibility} allowDeselect={false} />}
      {result.error && <ErrorNotice error={result.error} title="The settings were not saved" />}
      {result.data && !result.error && !result.fetching && (
        <Text size="sm" c="teal.9" role="status">
          Saved.
        </Text>
      )}
      <Group>
        <Button onClick={save} loading={result.fetching} disabled={Boolean(labels.error || selectors.error)}>
          Save settings
        </Button>
      </Group>
    </Stack>
  );
}
