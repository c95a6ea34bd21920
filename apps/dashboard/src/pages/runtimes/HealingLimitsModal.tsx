import { Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import type { RuntimeHealingView } from './healing-types.js';
import { SET_RUNTIME_HEALING } from './runtime-documents.js';

/** An empty field means "the platform default" (null to the API). */
const orNull = (value: number | string) => (value === '' ? null : Number(value));

/** Sets a runtime's meltdown limits: above this share or this many down nodes, healing stops. */
export function HealingLimitsModal({ runtime, opened, onClose, onSaved }: { runtime: { id: string; name: string; healing: RuntimeHealingView }; opened: boolean; onClose: () => void; onSaved: () => void }) {
  const [percent, setPercent] = useState<number | string>('');
  const [nodes, setNodes] = useState<number | string>('');
  const [result, setLimits] = useMutation(SET_RUNTIME_HEALING);
  useEffect(() => {
    if (!opened) return;
    // Platform defaults show as empty fields, so saving untouched keeps following them.
    setPercent(runtime.healing.defaultLimits ? '' : runtime.healing.meltdownPercent);
    setNodes(runtime.healing.defaultLimits ? '' : runtime.healing.meltdownNodes);
  }, [opened, runtime.healing]);
  const save = async () => {
    const answer = await setLimits({ runtimeId: runtime.id, meltdownPercent: orNull(percent), meltdownNodes: orNull(nodes) });
    if (answer.error) return;
    onSaved();
    onClose();
  };
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title={`Meltdown limits of ${runtime.name}`}>
      <Stack>
        <Text size="sm">
          Healing stops when more nodes than this are down at once. Leave a field empty for the platform default (now {runtime.healing.meltdownPercent}% and{' '}
          {runtime.healing.meltdownNodes} nodes when the defaults apply).
        </Text>
        <NumberInput label="Meltdown percent" min={1} max={100} allowDecimal={false} value={percent} onChange={setPercent} />
        <NumberInput label="Meltdown nodes" min={1} allowDecimal={false} value={nodes} onChange={setNodes} />
        {result.error && <ErrorNotice error={result.error} title="Limits not saved" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void save()} loading={result.fetching}>
            Save limits
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
