import { Select, TextInput } from '@mantine/core';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { ZONES_QUERY } from './runtime-documents.js';

/** The zones the provider offers for this credential and options, asked live; typed in when the provider cannot list them. */
export function ZoneSelect({ provider, credentialId, options, value, onChange }: { provider: string; credentialId: string | null; options?: Record<string, unknown>; value: string | null; onChange: (zone: string | null) => void }) {
  const [{ data, error, fetching }] = useQuery({ query: ZONES_QUERY, variables: { provider, credentialId: credentialId ?? undefined, options }, pause: !options, requestPolicy: 'network-only' });
  if (error) {
    return (
      <>
        <ErrorNotice error={error} title="The provider could not list its zones" />
        <TextInput label="Zone" required value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value || null)} />
      </>
    );
  }
  return (
    <Select
      label="Zone"
      required
      placeholder={fetching ? 'Asking the provider…' : 'Choose a zone'}
      data={(data?.zones ?? []).map((z) => ({ value: z.id, label: z.available ? z.name : `${z.name} (unavailable)`, disabled: !z.available }))}
      value={value}
      onChange={onChange}
    />
  );
}
