import { Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Shown while a page's first answer is on its way. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="gray.7">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

/** Shown when a list has nothing in it, with what to do next. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Center py="xl" data-testid="empty-state">
      <Stack align="center" gap={4}>
        <Text fw={600}>{title}</Text>
        {children && (
          <Text size="sm" c="gray.7" ta="center">
            {children}
          </Text>
        )}
      </Stack>
    </Center>
  );
}
