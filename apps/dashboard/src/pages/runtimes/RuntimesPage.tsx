import { Stack, Title } from '@mantine/core';
import { CredentialsSection } from './CredentialsSection.js';
import { RuntimeList } from './RuntimeList.js';

/** Runtimes (where clusters go) and the credentials they reach their provider with. */
export function RuntimesPage() {
  return (
    <Stack gap="xl">
      <Title order={1}>Runtimes</Title>
      <RuntimeList />
      <CredentialsSection />
    </Stack>
  );
}
