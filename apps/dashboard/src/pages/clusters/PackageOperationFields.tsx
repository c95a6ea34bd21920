import { JsonInput, NumberInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import { APP_VERSIONS_QUERY, CLUSTER_PACKAGE_QUERY } from './cluster-queries.js';
import type { ClusterView } from './cluster-types.js';
import type { OperationArgs } from './operations.js';
import { atPath, changeableFields, customActions, withPath, type FormField } from './package-fields.js';

interface Props {
  readonly cluster: ClusterView;
  readonly args: OperationArgs;
  readonly onChange: (args: OperationArgs) => void;
}

/** Upgrade: another version of the cluster's app. */
export function UpgradeFields({ cluster, args, onChange }: Props) {
  const [{ data, error, fetching }] = useQuery({ query: APP_VERSIONS_QUERY, variables: { appId: cluster.appId } });
  if (error) return <ErrorNotice error={error} title="Could not load the app's versions" />;
  if (fetching && !data) return <Loading label="Loading versions…" />;
  const versions = (data?.appVersions.edges ?? []).map((e) => e.node).filter((v) => v.id !== cluster.versionId);
  if (versions.length === 0) return <Empty title="No other version">This app has no other version to upgrade to.</Empty>;
  return (
    <Select
      label="Version"
      placeholder="Pick a version"
      data={versions.map((v) => ({ value: v.id, label: `${v.version} (${v.status})` }))}
      value={args.appVersionId ?? null}
      onChange={(value) => onChange({ ...args, appVersionId: value ?? undefined })}
    />
  );
}

function EnvField({ field, args, onChange }: { field: FormField } & Omit<Props, 'cluster'>) {
  const values = args.values ?? {};
  const current = atPath(values, field.path);
  const set = (value: unknown) => onChange({ ...args, values: withPath(values, field.path, value) });
  const common = { label: field.label, description: field.description ?? `Default: ${JSON.stringify(field.default ?? null)}` };
  if (field.widget === 'number')
    return <NumberInput {...common} min={field.min} max={field.max} step={field.step} value={typeof current === 'number' ? current : ''} onChange={(v) => set(typeof v === 'number' ? v : undefined)} />;
  if (field.widget === 'toggle') return <Switch {...common} checked={current === true} onChange={(e) => set(e.currentTarget.checked)} />;
  if (field.widget === 'select')
    return <Select {...common} clearable data={(field.options ?? []).map(String)} value={current === undefined ? null : String(current)} onChange={(v) => set(v ?? undefined)} />;
  return <TextInput {...common} type={field.widget === 'secret' ? 'password' : 'text'} value={typeof current === 'string' ? current : ''} onChange={(e) => set(e.currentTarget.value)} />;
}

/** Update env: only the package's `changeable` fields; an empty field keeps the cluster's value. */
export function UpdateEnvFields({ cluster, args, onChange }: Props) {
  const [{ data, error, fetching }] = useQuery({ query: CLUSTER_PACKAGE_QUERY, variables: { versionId: cluster.versionId } });
  if (error) return <ErrorNotice error={error} title="Could not load the package's fields" />;
  if (fetching && !data) return <Loading label="Loading fields…" />;
  const fields = data ? changeableFields(data.appVersionPackage.configForm) : [];
  if (fields.length === 0) return <Empty title="Nothing to change">The package declares no changeable environment value.</Empty>;
  return (
    <Stack gap="xs">
      {fields.map((field) => (
        <EnvField key={field.path} field={field} args={args} onChange={onChange} />
      ))}
    </Stack>
  );
}

/** Run action: a custom action the blueprint declares, with its parameters as JSON. */
export function ActionFields({ cluster, args, onChange }: Props) {
  const [{ data, error, fetching }] = useQuery({ query: CLUSTER_PACKAGE_QUERY, variables: { versionId: cluster.versionId } });
  if (error) return <ErrorNotice error={error} title="Could not load the package's actions" />;
  if (fetching && !data) return <Loading label="Loading actions…" />;
  const actions = data ? customActions(data.appVersionPackage.blueprint) : [];
  if (actions.length === 0) return <Empty title="No custom action">The package declares no custom action.</Empty>;
  return (
    <Stack gap="xs">
      <Select label="Action" placeholder="Pick an action" data={actions} value={args.actionName ?? null} onChange={(v) => onChange({ ...args, actionName: v ?? undefined })} />
      <JsonInput
        label="Parameters (JSON object)"
        defaultValue="{}"
        validationError="Not a JSON object"
        autosize
        minRows={2}
        onChange={(text) => {
          try {
            const parsed = JSON.parse(text || '{}') as unknown;
            if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) onChange({ ...args, actionParams: parsed as Record<string, unknown> });
          } catch {
            // Keep the last valid parameters while the user is typing.
          }
        }}
      />
    </Stack>
  );
}
