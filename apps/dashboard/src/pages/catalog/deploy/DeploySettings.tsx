import { Checkbox, Select, Stack, Text } from '@mantine/core';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../../components/ErrorNotice.js';
import { ELIGIBLE_RUNTIMES_QUERY } from '../catalog-documents.js';
import type { CatalogVersion } from '../VersionsTable.js';

/** Picked by the API among the caller's eligible runtimes, and explained in the plan. */
const AUTOMATIC = '';

interface Props {
  readonly versions: readonly CatalogVersion[];
  readonly versionId: string;
  readonly onVersion: (versionId: string) => void;
  readonly runtimeId: string | undefined;
  readonly onRuntime: (runtimeId: string | undefined) => void;
  readonly atomic: boolean;
  readonly onAtomic: (atomic: boolean) => void;
  readonly runtimeError?: string;
}

/** Which version, where, and whether a failure rolls back by itself. */
export function DeploySettings({ versions, versionId, onVersion, runtimeId, onRuntime, atomic, onAtomic, runtimeError }: Props) {
  const [{ data, error }] = useQuery({ query: ELIGIBLE_RUNTIMES_QUERY, variables: { appVersionId: versionId } });
  const runtimes = data?.eligibleRuntimes ?? [];
  return (
    <Stack gap="sm">
      <Select
        label="Version"
        data={versions.map((version) => ({ value: version.id, label: `${version.version}${version.appVersion ? ` (app ${version.appVersion})` : ''}${version.kind === 'helm' ? ' · Helm chart' : ''}` }))}
        value={versionId}
        onChange={(value) => value && onVersion(value)}
        allowDeselect={false}
      />
      <Select
        label="Runtime"
        description="Only runtimes this version's repository allows are offered."
        data={[{ value: AUTOMATIC, label: 'Choose for me' }, ...runtimes.map((runtime) => ({ value: runtime.id, label: `${runtime.name} (${runtime.provider}, ${runtime.zone})` }))]}
        value={runtimeId ?? AUTOMATIC}
        onChange={(value) => onRuntime(value ? value : undefined)}
        allowDeselect={false}
        error={runtimeError}
        data-testid="runtime-select"
      />
      {data && runtimes.length === 0 && (
        <Text size="sm" c="red.8" role="alert">
          None of your runtimes may run this version: its repository allows other providers or labels.
        </Text>
      )}
      {error && <ErrorNotice error={error} title="Eligible runtimes could not be loaded" />}
      <Checkbox label="Roll back by itself when a task fails" checked={atomic} onChange={(event) => onAtomic(event.currentTarget.checked)} />
    </Stack>
  );
}
