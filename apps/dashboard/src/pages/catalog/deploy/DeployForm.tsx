import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
import { problemOf } from '../../../api/problem.js';
import { ErrorNotice } from '../../../components/ErrorNotice.js';
import { planLayers, type OperationPlan } from '../../../components/PlanPreview.js';
import { Empty, Loading } from '../../../components/states.js';
import { TaskDag } from '../../../components/TaskDag.js';
import { CREATE_CLUSTER_MUTATION, ELIGIBLE_RUNTIMES_QUERY, PLAN_CREATE_QUERY, VERSION_FORM_QUERY } from '../catalog-documents.js';
import type { CatalogVersion } from '../VersionsTable.js';
import { ConfigFormFields } from './ConfigFormFields.js';
import { DeploySettings } from './DeploySettings.js';
import { problemsByField } from './field-problems.js';
import { buildValues, initialValues, readConfigForm, unparsedJsonMessages, type FormValues } from './form-model.js';

interface Props {
  readonly versions: readonly CatalogVersion[];
  readonly versionId: string;
  readonly onVersion: (versionId: string) => void;
}

/**
 * The deploy form of one version: its config.json fields, where to deploy, then the plan the job
 * would run; only a plan of the values as they are now can be deployed.
 */
export function DeployForm({ versions, versionId, onVersion }: Props) {
  const client = useClient();
  const navigate = useNavigate();
  const [{ data, error, fetching }] = useQuery({ query: VERSION_FORM_QUERY, variables: { id: versionId } });
  const form = useMemo(() => (data ? readConfigForm(data.appVersionPackage.configForm) : undefined), [data]);
  const [edited, setEdited] = useState<FormValues>({});
  const [runtimeId, setRuntimeId] = useState<string | undefined>();
  const [atomic, setAtomic] = useState(false);
  const [plan, setPlan] = useState<OperationPlan>();
  const [refusal, setRefusal] = useState<CombinedError>();
  const [planning, setPlanning] = useState(false);
  const [created, createCluster] = useMutation(CREATE_CLUSTER_MUTATION);
  // The same query as the runtime select (answered from the cache): names the runtime the plan placed it on.
  const [{ data: runtimes }] = useQuery({ query: ELIGIBLE_RUNTIMES_QUERY, variables: { appVersionId: versionId } });

  if (error) return <ErrorNotice error={error} title="The deploy form could not be loaded" />;
  if (!form && fetching) return <Loading label="Loading the form…" />;
  if (!form) return <Empty title="No form">This version has no configuration.</Empty>;

  const values = { ...initialValues(form), ...edited };
  const input = { appVersionId: versionId, runtimeId, atomic, values: buildValues(form, values) };
  const shownError = created.error ?? refusal;
  const problems = problemsByField(shownError ? problemOf(shownError).problems : []);
  // A plan is only asked for values that all parse; each such field says what is wrong with it.
  const unparsedJson = unparsedJsonMessages(form, values);

  // Any change makes the plan shown a plan of other values: it must be asked again.
  const invalidate = () => {
    setPlan(undefined);
    setRefusal(undefined);
  };
  const preview = async () => {
    setPlanning(true);
    invalidate();
    const result = await client.query(PLAN_CREATE_QUERY, { create: input }, { requestPolicy: 'network-only' }).toPromise();
    setPlanning(false);
    if (result.error) setRefusal(result.error);
    else setPlan(result.data?.planClusterOperation);
  };
  const deploy = async () => {
    const result = await createCluster({ input });
    const jobId = result.data?.createCluster.jobId;
    if (jobId) void navigate({ to: '/jobs/$jobId', params: { jobId } });
  };

  return (
    <Stack gap="lg" maw={860}>
      {form.description && <Text c="gray.7">{form.description}</Text>}
      <DeploySettings
        versions={versions}
        versionId={versionId}
        onVersion={onVersion}
        runtimeId={runtimeId}
        onRuntime={(next) => {
          setRuntimeId(next);
          invalidate();
        }}
        atomic={atomic}
        onAtomic={(next) => {
          setAtomic(next);
          invalidate();
        }}
        runtimeError={problems.get('runtimeId')}
      />
      <ConfigFormFields
        nodes={form.sections}
        values={values}
        problems={problems}
        onChange={(key, value) => {
          setEdited((before) => ({ ...before, [key]: value }));
          invalidate();
        }}
      />
      {shownError && <ErrorNotice error={shownError} title={created.error ? 'The cluster was not created' : 'This deploy cannot run'} />}
      <section aria-labelledby="plan-title">
        <Title order={2} size="h4" id="plan-title" mb="xs">
          Plan
        </Title>
        {planning && <Loading label="Planning…" />}
        {!planning && !plan && unparsedJson.length === 0 && <Text size="sm" c="gray.7">Preview the plan to see the tasks the job will run, then deploy.</Text>}
        {unparsedJson.length > 0 && (
          <Text size="sm" c="red.8" data-testid="unparsed-json">
            Fix the JSON before previewing the plan: {unparsedJson.join('; ')}.
          </Text>
        )}
        {plan && (
          <Stack gap="xs" data-testid="plan-preview">
            {plan.placement && (
              <Alert color="blue" title="Placement" data-testid="placement">
                {runtimes?.eligibleRuntimes.find((runtime) => runtime.id === plan.placement?.runtimeId)?.name ?? 'Runtime'} ({plan.placement.runtimeId}): {plan.placement.reason}
              </Alert>
            )}
            <Text size="sm">
              {plan.layers.reduce((sum, layer) => sum + layer.tasks.length, 0)} tasks in {plan.layers.length} layers
            </Text>
            <TaskDag layers={planLayers(plan)} label="Plan of the deploy" height={320} />
          </Stack>
        )}
      </section>
      <Group>
        <Button variant="default" onClick={() => void preview()} loading={planning} disabled={unparsedJson.length > 0}>
          Preview plan
        </Button>
        <Button color="blue.8" onClick={() => void deploy()} disabled={!plan} loading={created.fetching}>
          Deploy
        </Button>
      </Group>
    </Stack>
  );
}
