import { PitrixError } from '@pitrix/errors';
/** The kinds of workload a release's readiness is made of. */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job';

/** A workload by kind and name. */
export interface WorkloadRef {
  readonly kind: WorkloadKind;
  readonly name: string;
}
import { parseAllDocuments } from 'yaml';

/** One object of a rendered manifest stream, as far as Pitrix reads it. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly spec?: Record<string, unknown>;
  readonly [field: string]: unknown;
}

const WORKLOAD_KINDS: readonly WorkloadKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'];
const HOOK = 'helm.sh/hook';

/**
 * Parses a manifest stream (`helm template`, `helm get manifest`) into its objects, skipping
 * empty documents; a document that is not YAML, or not an object with a kind and a name, is
 * `PACKAGE.CHART_INVALID` naming its position and source.
 */
export function parseManifests(text: string): ManifestObject[] {
  const objects: ManifestObject[] = [];
  parseAllDocuments(text).forEach((doc, index) => {
    // Helm puts a `# Source: chart/templates/x.yaml` comment above each document.
    const source = sourceOf(text.slice(doc.range[0] > 200 ? doc.range[0] - 200 : 0, doc.range[1]));
    if (doc.errors.length > 0) {
      throw new PitrixError('PACKAGE.CHART_INVALID', `The chart renders a document that is not YAML (document ${index + 1}${source}): ${doc.errors[0]?.message ?? ''}`);
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return;
    const object = value as Partial<ManifestObject>;
    if (typeof object !== 'object' || typeof object.kind !== 'string' || typeof object.apiVersion !== 'string' || typeof object.metadata?.name !== 'string') {
      throw new PitrixError('PACKAGE.CHART_INVALID', `The chart renders a document that is not a Kubernetes object with apiVersion, kind and metadata.name (document ${index + 1}${source})`);
    }
    objects.push(object as ManifestObject);
  });
  return objects;
}

/** Whether the object is a Helm hook (made around releases and tests, not part of the release). */
export function isHook(object: ManifestObject): boolean {
  return object.metadata.annotations?.[HOOK] !== undefined;
}

/** Whether the object is one of the release's Helm tests. */
export function isTestHook(object: ManifestObject): boolean {
  const events = (object.metadata.annotations?.[HOOK] ?? '').split(',').map((event) => event.trim());
  return events.includes('test') || events.includes('test-success');
}

/** The release's workloads: its Deployments, StatefulSets, DaemonSets and Jobs that are not hooks. */
export function workloadsOf(objects: readonly ManifestObject[]): WorkloadRef[] {
  return objects.filter((object) => !isHook(object) && isWorkloadKind(object.kind)).map((object) => ({ kind: object.kind as WorkloadKind, name: object.metadata.name }));
}

/** Whether `kind` is one Pitrix tracks as a workload. */
export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return (WORKLOAD_KINDS as readonly string[]).includes(kind);
}

/**
 * The label selector of a workload's pods: its `spec.selector.matchLabels`; a Job without one
 * gets the label the Job controller puts on its pods.
 */
export function podSelectorOf(object: ManifestObject): string | undefined {
  const matchLabels = (object.spec?.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;
  if (matchLabels && Object.keys(matchLabels).length > 0) return Object.entries(matchLabels).map(([key, value]) => `${key}=${value}`).join(',');
  if (object.kind === 'Job') return `batch.kubernetes.io/job-name=${object.metadata.name}`;
  return undefined;
}

/** The last `# Source: ...` comment in `text` (the one nearest the document), for messages. */
function sourceOf(text: string): string {
  const matches = [...text.matchAll(/^# Source: (.+)$/gm)];
  const last = matches.at(-1);
  return last ? `, ${last[1]}` : '';
}

/** The replicas a Deployment or StatefulSet asks for (1 when it says none); DaemonSets and Jobs have none. */
export function replicasOf(object: ManifestObject): number | null {
  if (object.kind !== 'Deployment' && object.kind !== 'StatefulSet') return null;
  const replicas = object.spec?.replicas;
  return typeof replicas === 'number' ? replicas : 1;
}
