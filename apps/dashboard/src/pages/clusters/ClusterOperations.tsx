import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import type { ClusterView } from './cluster-types.js';
import { OperationModal } from './OperationModal.js';
import { allowedOperations, type OperationSpec } from './operations.js';

/** A button per operation the cluster's status allows; each opens its confirmation with the plan. */
export function ClusterOperations({ cluster }: { cluster: ClusterView }) {
  const [open, setOpen] = useState<OperationSpec>();
  const operations = allowedOperations(cluster.status, cluster.transitionStatus);
  if (operations.length === 0)
    return (
      <Text size="sm" c="gray.7">
        {cluster.transitionStatus ? `No operation while the cluster is ${cluster.transitionStatus}.` : `No operation starts from status ${cluster.status}.`}
      </Text>
    );
  return (
    <>
      <Group gap="xs" aria-label="Operations" role="group">
        {operations.map((spec) => (
          <Button key={spec.name} size="xs" variant="outline" color={spec.danger ? 'red.9' : 'blue.8'} onClick={() => setOpen(spec)}>
            {spec.label}
          </Button>
        ))}
      </Group>
      {open && <OperationModal key={open.name} spec={open} cluster={cluster} onClose={() => setOpen(undefined)} />}
    </>
  );
}
