import type { ConfigParam, ConfigTree } from '@pitrix/package';

/** One field or section of the form a dashboard renders from config.json. */
export interface FormNode {
  readonly key: string;
  /** Dotted path of the value (`cluster.replica.count`). */
  readonly path: string;
  readonly label: string;
  readonly description?: string;
  readonly type: string;
  /** `section` for groups, otherwise the input to draw: number, text, secret, toggle, select, multiselect. */
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

/** config.json as a form description: sections and typed fields with defaults and constraints. */
export function configForm(config: ConfigTree): { label?: string; description?: string; sections: FormNode[] } {
  return { label: config.label, description: config.description, sections: config.properties.map((param) => toNode(param, '')) };
}

function toNode(param: ConfigParam, parent: string): FormNode {
  const path = parent ? `${parent}.${param.key}` : param.key;
  const node = {
    key: param.key,
    path,
    label: param.label ?? param.key,
    description: param.description,
    type: param.type,
    widget: widgetOf(param),
    default: param.default,
    required: param.required === true || param.required === 'yes',
    changeable: param.changeable ?? true,
    min: param.min,
    max: param.max,
    step: param.step,
    options: param.range,
    pattern: param.pattern,
    children: param.type === 'array' ? ((param.properties ?? []) as ConfigParam[]).map((child) => toNode(child, path)) : undefined,
  };
  return Object.fromEntries(Object.entries(node).filter(([, value]) => value !== undefined)) as unknown as FormNode;
}

function widgetOf(param: ConfigParam): string {
  if (param.type === 'array') return 'section';
  if (param.range) return param.multichoice ? 'multiselect' : 'select';
  if (param.type === 'integer' || param.type === 'number') return 'number';
  if (param.type === 'password') return 'secret';
  if (param.type === 'boolean') return 'toggle';
  return 'text';
}
