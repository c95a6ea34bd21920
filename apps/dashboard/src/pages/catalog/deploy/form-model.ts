/** One field or section of config.json as the API's `configForm` describes it (apps/api/src/catalog/config-form.ts). */
export interface FormNode {
  readonly key: string;
  readonly path: string;
  readonly label: string;
  readonly description?: string;
  readonly type: string;
  readonly widget: 'section' | 'number' | 'text' | 'secret' | 'toggle' | 'select' | 'multiselect' | 'json' | string;
  readonly default?: unknown;
  readonly required: boolean;
  readonly changeable: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly options?: readonly unknown[];
  readonly pattern?: string;
  readonly children?: readonly FormNode[];
}

export interface ConfigForm {
  readonly label?: string;
  readonly description?: string;
  readonly sections: readonly FormNode[];
}

/** The form's values by field key (see `fieldKey`); what the user typed, typed as the field is. */
export type FormValues = Readonly<Record<string, unknown>>;

/**
 * The value of a JSON field whose text does not parse: kept in the form (not the last value that
 * parsed) so the text stays as typed and no plan is asked for values the user did not mean.
 */
export class UnparsedJson {
  constructor(
    readonly text: string,
    /** Names the field, for the field itself and for the form's summary. */
    readonly message: string,
  ) {}
}

/** The messages of the JSON fields whose text does not parse, in form order. */
export function unparsedJsonMessages(form: ConfigForm, values: FormValues): string[] {
  return leaves(form.sections)
    .map(({ segments }) => values[fieldKey(segments)])
    .filter((value): value is UnparsedJson => value instanceof UnparsedJson)
    .map((value) => value.message);
}

/**
 * Top-level groups the deploy form leaves out: `service_params` are the parameters of service
 * actions (a backup's name), asked when such an action runs, not when the cluster is created.
 */
const NOT_ASKED_AT_CREATE = new Set(['service_params']);

function isNode(value: unknown): value is FormNode {
  return typeof value === 'object' && value !== null && typeof (value as FormNode).key === 'string' && typeof (value as FormNode).widget === 'string';
}

/** Reads the API's `configForm` JSON, keeping only what looks like form nodes. */
export function readConfigForm(json: Record<string, unknown>): ConfigForm {
  const sections = Array.isArray(json['sections']) ? json['sections'].filter(isNode) : [];
  return {
    label: typeof json['label'] === 'string' ? json['label'] : undefined,
    description: typeof json['description'] === 'string' ? json['description'] : undefined,
    sections: sections.filter((section) => !NOT_ASKED_AT_CREATE.has(section.key)),
  };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * The JSON path of a value as the API writes it in problems (libs/package json-path `formatPath`):
 * `cluster.replica.count`, `env["maxmemory-policy"]`. Fields are keyed by it so a problem finds its field.
 */
export function fieldKey(segments: readonly string[]): string {
  let out = '';
  for (const segment of segments) out += IDENTIFIER.test(segment) ? (out === '' ? segment : `.${segment}`) : `[${JSON.stringify(segment)}]`;
  return out === '' ? '$' : out;
}

/** Every leaf field with its key segments, depth first. */
export function leaves(nodes: readonly FormNode[], parent: readonly string[] = []): { node: FormNode; segments: string[] }[] {
  return nodes.flatMap((node) => {
    const segments = [...parent, node.key];
    return node.widget === 'section' ? leaves(node.children ?? [], segments) : [{ node, segments }];
  });
}

/** The form as it first shows: every field at its package default. */
export function initialValues(form: ConfigForm): FormValues {
  return Object.fromEntries(leaves(form.sections).map(({ node, segments }) => [fieldKey(segments), node.default]));
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The nested `values` createCluster takes (`{ cluster: { replica: { count: 3 } } }`): only the
 * fields that differ from their default, so the package's defaults stay the package's to decide.
 */
export function buildValues(form: ConfigForm, values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { node, segments } of leaves(form.sections)) {
    const value = values[fieldKey(segments)];
    if (value === undefined || sameValue(value, node.default)) continue;
    let group = out;
    for (const segment of segments.slice(0, -1)) group = (group[segment] ??= {}) as Record<string, unknown>;
    group[segments[segments.length - 1]!] = value;
  }
  return out;
}
