import { Button, Group, NumberInput, Paper, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import type { ClusterView } from './cluster-types.js';
import { SET_CLUSTER_HEALING } from './day2-mutations.js';

/** The API's bounds for the grace period (HealingInput.graceSeconds). */
const GRACE_MIN = 1;
const GRACE_MAX = 86_400;

/**
 * Whether the resurrector heals the cluster's nodes, and after how many seconds down. Anyone may
 * open the form: the API decides who may save (owners and admins) and its refusal is shown.
 */
export function HealingSettings({ cluster }: { cluster: Pick<ClusterView, 'id' | 'healing'> }) {
  const [editing, setEditing] = useState(false);
  const [enabled, setEnabled] = useState(cluster.healing.enabled);
  const [graceSeconds, setGraceSeconds] = useState<number | string>(cluster.healing.graceSeconds);
  const [result, setHealing] = useMutation(SET_CLUSTER_HEALING);

  const edit = () => {
    setEnabled(cluster.healing.enabled);
    setGraceSeconds(cluster.healing.graceSeconds);
    setEditing(true);
  };
  const save = async () => {
    const answer = await setHealing({ id: cluster.id, enabled, graceSeconds: Number(graceSeconds) });
    if (!answer.error) setEditing(false);
  };

  return (
    <Paper withBorder p="sm" data-testid="healing-settings" component="section" aria-labelledby="healing-heading">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600} id="healing-heading">
            Self-healing
          </Text>
          {!editing && (
            <Button size="xs" variant="default" onClick={edit}>
              Edit healing
            </Button>
          )}
        </Group>
        {!editing ? (
          <Text size="sm" data-testid="healing-summary">
            {cluster.healing.enabled ? `On: a node down for ${cluster.healing.graceSeconds} s is healed` : 'Off: nodes that are down are not healed'}
          </Text>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <Stack gap="xs">
              <Switch label="Heal nodes that are down" checked={enabled} onChange={(event) => setEnabled(event.currentTarget.checked)} />
              <NumberInput
                label="Grace seconds"
                description="How long a node may be silent, or unhealthy after its own action, before it is healed"
                min={GRACE_MIN}
                max={GRACE_MAX}
                allowDecimal={false}
                value={graceSeconds}
                onChange={setGraceSeconds}
                disabled={!enabled}
              />
              {result.error && <ErrorNotice error={result.error} title="Healing settings were refused" />}
              <Group justify="flex-end">
                <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                  Cancel
                </Button>
                <Button size="xs" type="submit" loading={result.fetching}>
                  Save healing
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
