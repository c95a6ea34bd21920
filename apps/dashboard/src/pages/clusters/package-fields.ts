/** A field of the config form the API derives from config.json (apps/api/src/catalog/config-form.ts). */
export interface FormField {
  readonly key: string;
  readonly path: string;
  readonly label: string;
  readonly description?: string;
  readonly widget: string;
  readonly default?: unknown;
  readonly changeable: boolean;
  readonly required: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly options?: readonly unknown[];
  readonly children?: readonly FormField[];
}

/** The leaf fields a running cluster may change: `changeable` ones, outside the `cluster` section (sizes have their own operations). */
export function changeableFields(configForm: Record<string, unknown>): FormField[] {
  const sections = (configForm['sections'] ?? []) as FormField[];
  const leaves: FormField[] = [];
  const walk = (field: FormField) => {
    if (field.widget === 'section') field.children?.forEach(walk);
    else if (field.changeable && !field.path.startsWith('cluster.')) leaves.push(field);
  };
  sections.forEach(walk);
  return leaves;
}

/** Custom actions the blueprint declares: `services` entries with `"type": "custom"`, wherever they are. */
export function customActions(blueprint: unknown): string[] {
  const names = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'services' && child && typeof child === 'object') {
          for (const [name, service] of Object.entries(child)) if ((service as { type?: unknown } | null)?.type === 'custom') names.add(name);
        }
        walk(child);
      }
    }
  };
  walk(blueprint);
  return [...names].sort();
}

/** `{ env: { maxmemory: 256 } }` from `env.maxmemory` = 256, merged into `values`. */
export function withPath(values: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (!head) return values;
  if (rest.length === 0) {
    const next = { ...values };
    if (value === undefined || value === '') delete next[head];
    else next[head] = value;
    return next;
  }
  const child = (values[head] ?? {}) as Record<string, unknown>;
  const nested = withPath(child, rest.join('.'), value);
  const next = { ...values };
  if (Object.keys(nested).length === 0) delete next[head];
  else next[head] = nested;
  return next;
}

export function atPath(values: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), values);
}
