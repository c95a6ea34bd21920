import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { UPDATE_RUNTIME } from './runtime-documents.js';
import { formatLabels, parseLabels, type LabelPair } from './labels.js';

/** Replaces a runtime's labels (what repo selectors match). */
export function EditLabelsModal({ runtime, opened, onClose }: { runtime: { id: string; name: string; labels: readonly LabelPair[] }; opened: boolean; onClose: () => void }) {
  const [text, setText] = useState(formatLabels(runtime.labels));
  const [result, update] = useMutation(UPDATE_RUNTIME);
  const parsed = parseLabels(text);
  useEffect(() => {
    if (opened) setText(formatLabels(runtime.labels));
  }, [opened, runtime.labels]);
  const save = async () => {
    const outcome = await update({ id: runtime.id, input: { labels: parsed.labels } });
    if (!outcome.error) onClose();
  };
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title={`Labels of ${runtime.name}`}>
      <Stack>
        <Textarea label="Labels" description="key=value, one a line" autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} error={parsed.error} />
        {result.error && <ErrorNotice error={result.error} title="Labels not saved" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={result.fetching} disabled={Boolean(parsed.error)}>
            Save labels
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
