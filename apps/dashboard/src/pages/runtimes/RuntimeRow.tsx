import { Button, Group, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import type { ResultOf } from '../../graphql.js';
import { ConfirmDeleteModal } from './ConfirmDeleteModal.js';
import { EditLabelsModal } from './EditLabelsModal.js';
import { HealingLimitsModal } from './HealingLimitsModal.js';
import { LabelList } from './LabelList.js';
import { DELETE_RUNTIME, type RUNTIMES_QUERY, VALIDATE_RUNTIME } from './runtime-documents.js';
import { RuntimeHealing } from './RuntimeHealing.js';

type Runtime = ResultOf<typeof RUNTIMES_QUERY>['runtimes']['edges'][number]['node'];

/**
 * One runtime with its healing and actions: Validate asks the API to check it live (its stored credential and
 * options, its zone); deleting shows the retirement (its frontgates stopping) while it runs.
 */
export function RuntimeRow({ runtime, onDeleted, onChanged }: { runtime: Runtime; onDeleted: () => void; onChanged: () => void }) {
  const [validation, validateRuntime] = useMutation(VALIDATE_RUNTIME);
  const [editing, edit] = useDisclosure(false);
  const [confirming, confirm] = useDisclosure(false);
  const [limiting, limits] = useDisclosure(false);
  const [deletion, deleteRuntime] = useMutation(DELETE_RUNTIME);

  const check = validation.fetching ? undefined : validation.data?.validateRuntime;
  const checkError = validation.fetching ? undefined : validation.error;
  const remove = async () => {
    confirm.close();
    const result = await deleteRuntime({ id: runtime.id });
    if (!result.error) onDeleted();
  };
  // The runtime has no stored status: it is in service until a delete retires it (synchronously, in the API).
  const status = deletion.fetching ? 'retiring' : deletion.data ? 'deleted' : deletion.error ? 'retire failed' : 'ready';

  return (
    <>
      <Table.Tr data-testid={`runtime-${runtime.name}`}>
        <Table.Td>
          <Text fw={600}>{runtime.name}</Text>
          <Text size="xs" c="dimmed">
            {runtime.id}
          </Text>
        </Table.Td>
        <Table.Td>{runtime.provider}</Table.Td>
        <Table.Td>{runtime.zone}</Table.Td>
        <Table.Td>
          <LabelList labels={runtime.labels} />
        </Table.Td>
        <Table.Td>
          <StatusBadge status={status} />
        </Table.Td>
        <Table.Td>
          <RuntimeHealing runtime={runtime} onChanged={onChanged} />
        </Table.Td>
        <Table.Td>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => void validateRuntime({ id: runtime.id })} loading={validation.fetching} aria-label={`Validate ${runtime.name}`}>
              Validate
            </Button>
            <Button size="xs" variant="default" onClick={edit.open} aria-label={`Edit labels of ${runtime.name}`}>
              Labels
            </Button>
            <Button size="xs" variant="default" onClick={limits.open} aria-label={`Meltdown limits of ${runtime.name}`}>
              Limits
            </Button>
            <Button size="xs" color="red.9" variant="light" onClick={confirm.open} loading={deletion.fetching} aria-label={`Delete ${runtime.name}`}>
              Delete
            </Button>
          </Group>
        </Table.Td>
      </Table.Tr>
      {(check || checkError || deletion.error) && (
        <Table.Tr>
          <Table.Td colSpan={7}>
            {check && (
              <Text role="status" fw={600} c={check.ok ? 'teal.9' : 'red.9'} data-testid="runtime-validation">
                {check.ok ? 'Valid' : `Not valid [${check.code ?? 'UNKNOWN'}]`}: {check.message}
              </Text>
            )}
            {checkError && <ErrorNotice error={checkError} title="Validation failed" />}
            {deletion.error && <ErrorNotice error={deletion.error} title="The runtime was kept" />}
          </Table.Td>
        </Table.Tr>
      )}
      <EditLabelsModal runtime={runtime} opened={editing} onClose={edit.close} />
      <HealingLimitsModal runtime={runtime} opened={limiting} onClose={limits.close} onSaved={onChanged} />
      <ConfirmDeleteModal opened={confirming} onClose={confirm.close} onConfirm={() => void remove()} what={`runtime ${runtime.name}`}>
        Its frontgates are stopped and their credentials revoked first; a runtime with clusters is refused.
      </ConfirmDeleteModal>
    </>
  );
}
