import { compactNode, type FormNode, type FormView } from '../form/form-node.js';
import { isMapping, type Chart } from './read-chart.js';

type Schema = Record<string, unknown>;

/**
 * A chart's parameters as the same form config.json gives: from values.schema.json when the chart
 * has one (properties in order; `title` as label, `description`, `type`, the default from
 * values.yaml (or the schema's `default`), `enum` as a select, `minimum`/`maximum`/`multipleOf`,
 * `pattern`, `required`, `readOnly` as not changeable, `writeOnly` or `format: password` as a
 * secret, nested objects as sections), otherwise from the types of values.yaml (numbers, strings,
 * booleans, maps as sections, lists as JSON text).
 */
export function chartForm(chart: Chart): FormView {
  const root = chart.valuesSchema;
  const view = { label: root && typeof root.title === 'string' ? root.title : chart.metadata.name, description: root && typeof root.description === 'string' ? root.description : chart.metadata.description };
  const sections = root && isMapping(root.properties) ? schemaChildren(root, root, chart.values, '') : valueChildren(chart.values, '');
  return { ...compactView(view), sections };
}

/**
 * The JSON paths (`store.storageClass`) values.schema.json marks `readOnly: true`: set when the
 * release is installed, refused on an update that changes them.
 */
export function chartReadOnlyPaths(chart: Chart): string[] {
  const root = chart.valuesSchema;
  if (!root) return [];
  const out: string[] = [];
  const walk = (schema: Schema, path: string, depth: number): void => {
    if (depth > 32 || !isMapping(schema.properties)) return;
    for (const [key, raw] of Object.entries(schema.properties)) {
      const child = resolve(root, raw);
      if (!child) continue;
      const childPath = path ? `${path}.${key}` : key;
      if (child.readOnly === true) out.push(childPath);
      else walk(child, childPath, depth + 1);
    }
  };
  walk(root, '', 0);
  return out;
}

function schemaChildren(root: Schema, schema: Schema, values: unknown, parent: string, depth = 0): FormNode[] {
  if (depth > 32 || !isMapping(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((key): key is string => typeof key === 'string') : []);
  const valueMap = isMapping(values) ? values : {};
  return Object.entries(schema.properties).flatMap(([key, raw]) => {
    const child = resolve(root, raw);
    return child ? [schemaNode(root, child, key, valueMap[key], parent, required.has(key), depth)] : [];
  });
}

function schemaNode(root: Schema, schema: Schema, key: string, value: unknown, parent: string, required: boolean, depth: number): FormNode {
  const path = parent ? `${parent}.${key}` : key;
  const type = schemaType(schema, value);
  const base = {
    key,
    path,
    label: typeof schema.title === 'string' ? schema.title : key,
    description: typeof schema.description === 'string' ? schema.description : undefined,
    type,
    required,
    changeable: schema.readOnly !== true,
  };
  if (type === 'object') {
    const children = isMapping(schema.properties) ? schemaChildren(root, schema, value, path, depth + 1) : valueChildren(isMapping(value) ? value : {}, path, depth + 1);
    return compactNode({ ...base, widget: 'section', children });
  }
  const options = Array.isArray(schema.enum) ? schema.enum : undefined;
  const secret = schema.writeOnly === true || schema.format === 'password';
  return compactNode({
    ...base,
    widget: options ? 'select' : secret ? 'secret' : widgetOfType(type),
    default: value !== undefined ? value : schema.default,
    min: typeof schema.minimum === 'number' ? schema.minimum : undefined,
    max: typeof schema.maximum === 'number' ? schema.maximum : undefined,
    step: typeof schema.multipleOf === 'number' ? schema.multipleOf : undefined,
    options,
    pattern: typeof schema.pattern === 'string' ? schema.pattern : undefined,
  });
}

function valueChildren(values: Record<string, unknown>, parent: string, depth = 0): FormNode[] {
  if (depth > 32) return [];
  return Object.entries(values).map(([key, value]) => {
    const path = parent ? `${parent}.${key}` : key;
    const type = typeOfValue(value);
    const base = { key, path, label: key, type, required: false, changeable: true };
    if (type === 'object') return compactNode({ ...base, widget: 'section', children: valueChildren(value as Record<string, unknown>, path, depth + 1) });
    return compactNode({ ...base, widget: widgetOfType(type), default: value });
  });
}

/** The schema's type (the first that is not `null`), or the type of the default value. */
function schemaType(schema: Schema, value: unknown): string {
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((type): type is string => typeof type === 'string' && type !== 'null');
  if (types[0]) return types[0];
  if (isMapping(schema.properties)) return 'object';
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return typeOfValue(schema.enum[0]);
  return typeOfValue(value !== undefined ? value : schema.default);
}

function typeOfValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'array';
  if (isMapping(value)) return 'object';
  return 'string';
}

function widgetOfType(type: string): string {
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'boolean') return 'toggle';
  if (type === 'array') return 'json';
  return 'text';
}

/** A property schema, following a local `$ref` (`#/definitions/x`, `#/$defs/x`); booleans are no form field. */
function resolve(root: Schema, raw: unknown, depth = 0): Schema | undefined {
  if (!isMapping(raw)) return undefined;
  if (typeof raw.$ref !== 'string' || depth > 8) return raw;
  if (!raw.$ref.startsWith('#/')) return raw;
  let target: unknown = root;
  for (const segment of raw.$ref.slice(2).split('/')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    target = isMapping(target) ? target[key] : undefined;
  }
  const rest = Object.fromEntries(Object.entries(raw).filter(([key]) => key !== '$ref'));
  const resolved = resolve(root, target, depth + 1);
  return resolved ? { ...resolved, ...rest } : rest;
}

function compactView(view: { label?: string; description?: string }): { label?: string; description?: string } {
  return Object.fromEntries(Object.entries(view).filter(([, value]) => value !== undefined));
}
