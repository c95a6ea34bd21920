import { workloadRole, type ClusterJobPayload, type ReleaseBlueprint, type ReleaseWorkload, type RoleSize } from '@pitrix/cluster-model';
import { isPitrixError, PitrixError } from '@pitrix/errors';
import { isTestHook, parseManifests, renderChart, replicasOf, toHelmChartFiles, workloadsOf, type HelmCli } from '@pitrix/helm';
import { chartReadOnlyPaths, readChart, type PackageFiles } from '@pitrix/package';
import { parseDocument } from 'yaml';

/** Where a chart cluster's release goes: its name and the runtime's namespace. */
export interface ReleaseTarget {
  readonly release: string;
  readonly namespace: string;
}

/** Chart.yaml annotations by which a chart names the values that scale and size its workloads. */
export const REPLICAS_ANNOTATION = 'pitrix.dev/replicas';
export const RESOURCES_ANNOTATION = 'pitrix.dev/resources';

/**
 * A chart cluster's job payload: the chart rendered with the values (`helm template`, so a chart
 * that does not render and values its schema refuses are refused here, before anything is
 * created), its workloads and tests read from the manifests, the chart files to install.
 * `replicas` (by role) overrides what the manifests ask for (workloads scaled through their
 * scale subresource keep their count across later jobs).
 */
export async function renderChartPayload(
  helm: HelmCli,
  files: PackageFiles,
  values: Readonly<Record<string, unknown>>,
  target: ReleaseTarget,
  replicas: Readonly<Record<string, number>> = {},
): Promise<ClusterJobPayload> {
  const chart = readChart(files);
  const manifests = parseManifests(await rendered(helm, files, values, target));
  const declared = { replicas: annotationMap(files, REPLICAS_ANNOTATION), resources: annotationMap(files, RESOURCES_ANNOTATION) };
  const workloads: ReleaseWorkload[] = workloadsOf(manifests).map((ref) => {
    const object = manifests.find((candidate) => candidate.kind === ref.kind && candidate.metadata.name === ref.name);
    const rendered = object ? replicasOf(object) : null;
    const role = workloadRole(target.release, ref.name);
    const replicasValue = declared.replicas[role] ?? null;
    const override = replicasValue === null ? replicas[role] : undefined;
    return { kind: ref.kind, name: ref.name, role, replicas: rendered === null ? null : (override ?? rendered), renderedReplicas: rendered, replicasValue, resourcesValue: declared.resources[role] ?? null };
  });
  const blueprint: ReleaseBlueprint = {
    kind: 'helm',
    chart: { name: chart.metadata.name, version: chart.metadata.version, appVersion: chart.metadata.appVersion ?? null },
    release: target.release,
    namespace: target.namespace,
    workloads,
    hasTests: manifests.some(isTestHook),
  };
  return {
    blueprint,
    values: { ...values },
    packageFiles: toHelmChartFiles(files),
    cluster: { name: chart.metadata.name, description: chart.metadata.description ?? '' },
  };
}

/** The chart's manifests; values its schema refuses are named field by field, as for config.json. */
async function rendered(helm: HelmCli, files: PackageFiles, values: Readonly<Record<string, unknown>>, target: ReleaseTarget): Promise<string> {
  try {
    return await renderChart(helm, files, values, target);
  } catch (err) {
    if (!isPitrixError(err) || err.code !== 'PACKAGE.VALUES_INVALID' || err.problems.length === 0) throw err;
    const fields = err.problems.map((problem) => `${problem.path}: ${problem.message}`);
    throw new PitrixError('PACKAGE.VALUES_INVALID', `${fields.length} invalid value${fields.length === 1 ? '' : 's'}: ${fields.join('; ')}`, err.problems);
  }
}

/**
 * Refuses new values that change what the chart's schema marks `readOnly` (the chart's
 * equivalent of a config.json field that is not `changeable`), naming each path.
 */
export function checkReadOnlyValues(files: PackageFiles, previous: Readonly<Record<string, unknown>>, next: Readonly<Record<string, unknown>>): void {
  const chart = readChart(files);
  const changed = chartReadOnlyPaths(chart).filter((path) => JSON.stringify(valueAt(previous, path) ?? valueAt(chart.values, path)) !== JSON.stringify(valueAt(next, path) ?? valueAt(chart.values, path)));
  if (changed.length === 0) return;
  throw new PitrixError('PACKAGE.VALUES_INVALID', `${changed.join(', ')} cannot change after the cluster is created (values.schema.json marks ${changed.length === 1 ? 'it' : 'them'} readOnly)`, changed.map((path) => ({
    path,
    message: 'read-only after create',
    expected: JSON.stringify(valueAt(previous, path) ?? valueAt(chart.values, path)),
    found: JSON.stringify(valueAt(next, path)),
  })));
}

/** The values with one path set (dotted path; objects created on the way). */
export function withValue(values: Readonly<Record<string, unknown>>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  const key = head as string;
  if (rest.length === 0) return { ...values, [key]: value };
  const child = values[key];
  return { ...values, [key]: withValue(isObject(child) ? child : {}, rest.join('.'), value) };
}

/** A value by dotted path, or undefined. */
export function valueAt(values: unknown, path: string): unknown {
  let current = values;
  for (const key of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Container resources for a resize, as Kubernetes quantities (whole CPUs or millicores, MiB). */
export function resourcesFor(size: RoleSize, current: unknown): Record<string, unknown> {
  const quantities: Record<string, string> = {};
  if (size.cpu !== undefined) quantities.cpu = Number.isInteger(size.cpu) ? String(size.cpu) : `${Math.round(size.cpu * 1000)}m`;
  if (size.memoryMiB !== undefined) quantities.memory = `${size.memoryMiB}Mi`;
  const base = isObject(current) ? current : {};
  const requests = isObject(base.requests) ? base.requests : {};
  const limits = isObject(base.limits) ? base.limits : {};
  return { ...base, requests: { ...requests, ...quantities }, limits: { ...limits, ...quantities } };
}

/** `role=values.path` pairs of a Chart.yaml annotation, comma-separated (a role is a workload's name without the release prefix). */
function annotationMap(files: PackageFiles, key: string): Record<string, string> {
  const chartYaml = files.find((file) => file.path === 'Chart.yaml');
  const parsed: unknown = chartYaml ? parseDocument(Buffer.from(chartYaml.bytes).toString('utf8')).toJS() : undefined;
  const raw = isObject(parsed) && isObject(parsed.annotations) ? parsed.annotations[key] : undefined;
  if (typeof raw !== 'string') return {};
  const pairs = raw.split(',').map((pair) => pair.trim()).filter((pair) => pair !== '');
  return Object.fromEntries(pairs.map((pair) => pair.split('=').map((part) => part.trim()) as [string, string]).filter(([workload, path]) => workload && path));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
