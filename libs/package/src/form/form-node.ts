/**
 * One field or section of the form a dashboard renders for a version's parameters: from
 * config.json for a Pitrix package, from values.schema.json (or values.yaml) for a Helm chart.
 */
export interface FormNode {
  readonly key: string;
  /** Dotted path of the value (`cluster.replica.count`, `web.resources.limits.cpu`). */
  readonly path: string;
  readonly label: string;
  readonly description?: string;
  readonly type: string;
  /** `section` for groups, otherwise the input to draw: number, text, secret, toggle, select, multiselect, json. */
  readonly widget: string;
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

/** A whole form: optional title and description, and its top-level sections and fields. */
export interface FormView {
  readonly label?: string;
  readonly description?: string;
  readonly sections: FormNode[];
}

/** Drops the fields a node does not have, so the JSON the API returns stays small. */
export function compactNode(node: Record<string, unknown>): FormNode {
  return Object.fromEntries(Object.entries(node).filter(([, value]) => value !== undefined)) as unknown as FormNode;
}
