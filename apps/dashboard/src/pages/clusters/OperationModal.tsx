import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useCallback, useState } from 'react';
import { CombinedError, useClient } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PlanPreview, type OperationPlan } from '../../components/PlanPreview.js';
import type { ClusterView } from './cluster-types.js';
import { initialArgs, OperationFields } from './OperationFields.js';
import { planInput, runOperation, type OperationArgs, type OperationSpec } from './operations.js';

/** One operation's confirmation: its arguments, the plan it would run now, and Confirm, which runs it and opens its job. */
export function OperationModal({ spec, cluster, onClose }: { spec: OperationSpec; cluster: ClusterView; onClose: () => void }) {
  const navigate = useNavigate();
  const client = useClient();
  const [args, setArgs] = useState<OperationArgs>(() => initialArgs(spec.name, cluster));
  const [plan, setPlan] = useState<OperationPlan>();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<CombinedError>();
  const onPlan = useCallback((next: OperationPlan | undefined) => setPlan(next), []);

  const confirm = async () => {
    setRunning(true);
    setError(undefined);
    try {
      const jobId = await runOperation(client, spec.name, cluster.id, args);
      await navigate({ to: '/jobs/$jobId', params: { jobId } });
    } catch (caught) {
      setError(caught instanceof CombinedError ? caught : new CombinedError({ networkError: caught instanceof Error ? caught : new Error(String(caught)) }));
      setRunning(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={`${spec.label} ${cluster.name}`} size="xl" data-testid="operation-modal" closeButtonProps={{ 'aria-label': 'Close' }}>
      <Stack>
        <OperationFields name={spec.name} cluster={cluster} args={args} onChange={setArgs} />
        <Text fw={600} size="sm">
          What it will run
        </Text>
        <PlanPreview input={planInput(spec.name, cluster.id, args)} onPlan={onPlan} />
        {error && <ErrorNotice error={error} title={`${spec.label} was refused`} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color={spec.danger ? 'red.9' : 'blue.8'} disabled={!plan} loading={running} onClick={() => void confirm()}>
            Confirm {spec.label.toLowerCase()}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
