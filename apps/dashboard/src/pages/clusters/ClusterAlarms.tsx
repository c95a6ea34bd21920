import { Button, Stack, Table, Text } from '@mantine/core';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { AddAlarmForm } from './AddAlarmForm.js';
import { CONDITION_SIGNS } from './alarm-items.js';
import type { ClusterView } from './cluster-types.js';
import { REMOVE_CLUSTER_ALARM } from './day2-mutations.js';

/** The cluster's alarm rules with the nodes each is raised on now, a form to add one and Remove on each. */
export function ClusterAlarms({ cluster, onChanged }: { cluster: Pick<ClusterView, 'id' | 'versionId' | 'roles' | 'alarms'>; onChanged: () => void }) {
  const [removal, removeAlarm] = useMutation(REMOVE_CLUSTER_ALARM);
  const remove = async (alarmId: string) => {
    const answer = await removeAlarm({ clusterId: cluster.id, alarmId });
    if (!answer.error) onChanged();
  };
  return (
    <Stack gap="xs">
      {cluster.alarms.length === 0 ? (
        <Text size="sm" c="gray.7" data-testid="no-alarms">
          No alarm rules.
        </Text>
      ) : (
        <Table data-testid="alarms-table" aria-label="Alarm rules">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rule</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Samples in a row</Table.Th>
              <Table.Th>Raised on</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cluster.alarms.map((alarm) => {
              const rule = `${alarm.item} ${CONDITION_SIGNS[alarm.condition]} ${alarm.threshold}`;
              return (
                <Table.Tr key={alarm.id} data-testid={`alarm-${alarm.id}`}>
                  <Table.Td ff="monospace">{rule}</Table.Td>
                  <Table.Td>{alarm.role ?? 'every role'}</Table.Td>
                  <Table.Td>{alarm.consecutive}</Table.Td>
                  <Table.Td>{alarm.activeNodes.length === 0 ? <StatusBadge status="clear" /> : <Text size="sm" ff="monospace">{alarm.activeNodes.join(', ')}</Text>}</Table.Td>
                  <Table.Td>
                    <Button size="xs" color="red.9" variant="light" loading={removal.fetching && removal.operation?.variables.alarmId === alarm.id} onClick={() => void remove(alarm.id)} aria-label={`Remove alarm ${rule}`}>
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {removal.error && <ErrorNotice error={removal.error} title="The alarm was kept" />}
      <AddAlarmForm cluster={cluster} onAdded={onChanged} />
    </Stack>
  );
}
