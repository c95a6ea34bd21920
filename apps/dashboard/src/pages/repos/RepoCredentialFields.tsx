import { PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';

export type CredentialKind = 'none' | 's3' | 'basic' | 'token';

/** The repo's write-only access in one of the three shapes the API takes. */
export interface RepoCredentialState {
  readonly kind: CredentialKind;
  readonly first: string;
  readonly second: string;
}

export const NO_CREDENTIAL: RepoCredentialState = { kind: 'none', first: '', second: '' };

export function credentialInput(state: RepoCredentialState): Record<string, string> | undefined {
  switch (state.kind) {
    case 's3':
      return { accessKeyId: state.first, secretAccessKey: state.second };
    case 'basic':
      return { username: state.first, password: state.second };
    case 'token':
      return { token: state.second };
    default:
      return undefined;
  }
}

const NAMES: Record<Exclude<CredentialKind, 'none'>, [string, string]> = { s3: ['Access key id', 'Secret access key'], basic: ['Username', 'Password'], token: ['', 'Token'] };

export function RepoCredentialFields({ value, onChange }: { value: RepoCredentialState; onChange: (next: RepoCredentialState) => void }) {
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500} id="repo-credential-kind">
        Access
      </Text>
      <SegmentedControl
        aria-labelledby="repo-credential-kind"
        data={[
          { value: 'none', label: 'None' },
          { value: 's3', label: 'S3 keys' },
          { value: 'basic', label: 'Username and password' },
          { value: 'token', label: 'Token' },
        ]}
        value={value.kind}
        onChange={(kind) => onChange({ kind: kind as CredentialKind, first: '', second: '' })}
      />
      {value.kind !== 'none' && value.kind !== 'token' && (
        <TextInput label={NAMES[value.kind][0]} autoComplete="off" value={value.first} onChange={(e) => onChange({ ...value, first: e.currentTarget.value })} />
      )}
      {value.kind !== 'none' && <PasswordInput label={NAMES[value.kind][1]} autoComplete="new-password" value={value.second} onChange={(e) => onChange({ ...value, second: e.currentTarget.value })} />}
    </Stack>
  );
}
