import { Button, Group, Modal, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Asks before a deletion that cannot be undone. */
export function ConfirmDeleteModal({ opened, onClose, onConfirm, what, children }: { opened: boolean; onClose: () => void; onConfirm: () => void; what: string; children?: ReactNode }) {
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title={`Delete ${what}?`}>
      {children && (
        <Text size="sm" mb="md">
          {children}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Keep it
        </Button>
        <Button color="red.9" onClick={onConfirm}>
          Delete
        </Button>
      </Group>
    </Modal>
  );
}
