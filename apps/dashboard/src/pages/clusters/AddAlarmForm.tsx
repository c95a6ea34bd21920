import { Autocomplete, Button, Group, NumberInput, Select } from '@mantine/core';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { alarmItems, CONDITION_SIGNS, type AlarmConditionName } from './alarm-items.js';
import { CLUSTER_PACKAGE_QUERY } from './cluster-queries.js';
import type { ClusterView } from './cluster-types.js';
import { SET_CLUSTER_ALARM } from './day2-mutations.js';

/** Role choice meaning "every role whose monitor declares the item" (the API's omitted role). */
const EVERY_ROLE = '';

/**
 * Adds an alarm rule. The item is suggested from the package's `monitor.alarm` lists but typed
 * freely: the API alone knows which items each role offers, and its refusal names the allowed ones.
 */
export function AddAlarmForm({ cluster, onAdded }: { cluster: Pick<ClusterView, 'id' | 'versionId' | 'roles'>; onAdded: () => void }) {
  const [{ data: packageData }] = useQuery({ query: CLUSTER_PACKAGE_QUERY, variables: { versionId: cluster.versionId }, pause: !cluster.versionId });
  const [item, setItem] = useState('');
  const [role, setRole] = useState(EVERY_ROLE);
  const [condition, setCondition] = useState<AlarmConditionName>('GT');
  const [threshold, setThreshold] = useState<number | string>(0);
  const [consecutive, setConsecutive] = useState<number | string>(1);
  const [result, setAlarm] = useMutation(SET_CLUSTER_ALARM);

  const add = async () => {
    const answer = await setAlarm({
      clusterId: cluster.id,
      input: { item: item.trim(), role: role || null, condition, threshold: Number(threshold), consecutive: Number(consecutive) },
    });
    if (answer.error) return;
    setItem('');
    onAdded();
  };
  const roles = cluster.roles.map((r) => r.role).filter(Boolean);

  return (
    <form
      aria-label="Add an alarm"
      onSubmit={(event) => {
        event.preventDefault();
        void add();
      }}
    >
      <Group align="flex-end" gap="xs">
        <Autocomplete label="Item" required data={alarmItems(packageData?.appVersionPackage.blueprint)} value={item} onChange={setItem} w={180} />
        <Select
          label="Role"
          data={[{ value: EVERY_ROLE, label: 'Every role' }, ...roles.map((r) => ({ value: r, label: r }))]}
          value={role}
          onChange={(value) => setRole(value ?? EVERY_ROLE)}
          allowDeselect={false}
          w={140}
        />
        <Select
          label="Condition"
          data={Object.entries(CONDITION_SIGNS).map(([value, sign]) => ({ value, label: sign }))}
          value={condition}
          onChange={(value) => value && setCondition(value as AlarmConditionName)}
          allowDeselect={false}
          w={90}
        />
        <NumberInput label="Threshold" value={threshold} onChange={setThreshold} w={120} />
        <NumberInput label="Samples in a row" min={1} max={100} allowDecimal={false} value={consecutive} onChange={setConsecutive} w={140} />
        <Button type="submit" size="sm" loading={result.fetching} disabled={!item.trim()}>
          Add alarm
        </Button>
      </Group>
      {result.error && !result.fetching && <ErrorNotice error={result.error} title="The alarm was refused" />}
    </form>
  );
}
