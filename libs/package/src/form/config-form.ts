import type { ConfigParam, ConfigTree } from '../schema/config.js';
import { compactNode, type FormNode, type FormView } from './form-node.js';

/** config.json as a form description: sections and typed fields with defaults and constraints. */
export function configForm(config: ConfigTree): FormView {
  return { label: config.label, description: config.description, sections: config.properties.map((param) => toNode(param, '')) };
}

function toNode(param: ConfigParam, parent: string): FormNode {
  const path = parent ? `${parent}.${param.key}` : param.key;
  return compactNode({
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
  });
}

function widgetOf(param: ConfigParam): string {
  if (param.type === 'array') return 'section';
  if (param.range) return param.multichoice ? 'multiselect' : 'select';
  if (param.type === 'integer' || param.type === 'number') return 'number';
  if (param.type === 'password') return 'secret';
  if (param.type === 'boolean') return 'toggle';
  return 'text';
}
