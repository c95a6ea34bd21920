import { PitrixError, type Problem } from '@pitrix/errors';
import { declaredOptionKeys, type ProviderOptionField } from '@pitrix/provider-contract';

/** Per-runtime options of a `kubernetes` runtime (stored on the runtime, validated here). */
export interface KubernetesRuntimeOptions {
  /** When not empty, the runtime's zones are the namespaces whose names start with it. */
  readonly namespacePrefix: string;
  /** Whether an install may create its namespace (Helm's `--create-namespace`). */
  readonly createNamespace: boolean;
}

/** The options a `kubernetes` runtime accepts, for forms; `parseKubernetesOptions` refuses every other key. */
export const KUBERNETES_OPTION_FIELDS: readonly ProviderOptionField[] = [
  {
    key: 'namespacePrefix',
    label: 'Namespace prefix',
    type: 'string',
    required: false,
    default: '',
    description: 'When set, the runtime\'s zones are the namespaces whose names start with it, and any other namespace is refused. Empty: every namespace the credential can see.',
  },
  {
    key: 'createNamespace',
    label: 'Create namespaces',
    type: 'boolean',
    required: false,
    default: true,
    description: 'Whether installing a release may create its namespace when it does not exist (Helm\'s --create-namespace). Off: the namespace must exist.',
  },
];

const KNOWN = declaredOptionKeys(KUBERNETES_OPTION_FIELDS);
/** A DNS-1123 label: what Kubernetes accepts as a namespace name. */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** A prefix of such a label (it may end with '-'). */
const NAMESPACE_PREFIX = /^([a-z0-9][-a-z0-9]{0,61})?$/;

/** Whether `name` is a valid namespace name (a DNS-1123 label). */
export function isNamespaceName(name: string): boolean {
  return NAMESPACE_NAME.test(name);
}

/** Validates a kubernetes runtime's options, reporting every bad field with its path; unknown keys are refused. */
export function parseKubernetesOptions(raw: Readonly<Record<string, unknown>>): KubernetesRuntimeOptions {
  const problems: Problem[] = [];
  const prefix = raw.namespacePrefix ?? '';
  if (typeof prefix !== 'string' || !NAMESPACE_PREFIX.test(prefix)) {
    problems.push({ path: 'options.namespacePrefix', message: 'invalid value', expected: 'the start of a namespace name: lowercase letters, digits and -, not starting with -', found: prefix });
  }
  const create = raw.createNamespace ?? true;
  if (typeof create !== 'boolean') problems.push({ path: 'options.createNamespace', message: 'invalid value', expected: 'true or false', found: create });
  for (const key of Object.keys(raw)) {
    if (!KNOWN.includes(key)) problems.push({ path: `options.${key}`, message: 'unknown option', expected: KNOWN.join(', '), found: key });
  }
  if (problems.length > 0) throw new PitrixError('RUNTIME.OPTIONS_INVALID', 'Invalid options for a kubernetes runtime', problems);
  return { namespacePrefix: prefix as string, createNamespace: create as boolean };
}

/**
 * Checks that `zone` can be the runtime's namespace: a valid namespace name inside the prefix.
 * Either failure is `RUNTIME.ZONE_NOT_FOUND` naming the zone and why.
 */
export function checkZone(provider: string, zone: string, options: KubernetesRuntimeOptions): void {
  if (!isNamespaceName(zone)) {
    throw new PitrixError('RUNTIME.ZONE_NOT_FOUND', `Zone ${JSON.stringify(zone)} is not a valid namespace name for provider ${provider}`, [
      { path: 'zone', message: 'not a namespace name', expected: 'a DNS-1123 label: up to 63 lowercase letters, digits and -, starting and ending with a letter or digit', found: zone },
    ]);
  }
  if (!zone.startsWith(options.namespacePrefix)) {
    throw new PitrixError('RUNTIME.ZONE_NOT_FOUND', `Zone ${JSON.stringify(zone)} is outside this runtime's namespaces (prefix ${JSON.stringify(options.namespacePrefix)})`, [
      { path: 'zone', message: 'outside the namespace prefix', expected: `a namespace starting with ${options.namespacePrefix}`, found: zone },
    ]);
  }
}

/**
 * Splits what a credential check is given: the runtime's options plus an optional `namespace`
 * (the namespace to check rights in, which is a zone and not a stored option).
 */
export function splitCheckOptions(raw: Readonly<Record<string, unknown>>): { options: KubernetesRuntimeOptions; namespace: string } {
  const { namespace, ...rest } = raw;
  const options = parseKubernetesOptions(rest);
  if (namespace !== undefined && (typeof namespace !== 'string' || !isNamespaceName(namespace))) {
    throw new PitrixError('RUNTIME.OPTIONS_INVALID', 'Invalid namespace to check the credential in', [
      { path: 'options.namespace', message: 'not a namespace name', expected: 'a DNS-1123 label', found: namespace },
    ]);
  }
  return { options, namespace: (namespace as string | undefined) ?? (options.namespacePrefix || 'default') };
}
