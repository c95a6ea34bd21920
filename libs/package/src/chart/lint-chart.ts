import { error, warning, type PackageProblem } from '../problems.js';
import { isSafeRelativePath } from '../schema/common.js';
import { type PackageFiles } from '../files.js';
import { CHART_YAML, fileText, isMapping, parseJson, parseYaml, TEMPLATES_DIR, VALUES_SCHEMA_JSON, VALUES_YAML } from './read-chart.js';

/** Chart names: lower-case letters, digits and `-`, starting and ending with a letter or digit (DNS-1123 label). */
export const CHART_NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A Semantic Version 2 (no leading `v`). */
export const SEMVER2_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const JSON_SCHEMA_TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);

/**
 * Checks a Helm chart's files without running helm and returns every problem at once: Chart.yaml
 * (present, a YAML mapping, apiVersion v2, a DNS-1123 name of at most 63 characters, a SemVer 2
 * version, not a library chart), values.yaml (a YAML mapping), values.schema.json (JSON, a JSON
 * Schema object), a templates/ folder, safe paths and a README. Never throws.
 */
export function lintChart(files: PackageFiles): PackageProblem[] {
  const problems: PackageProblem[] = [];
  for (const file of files) {
    if (!isSafeRelativePath(file.path)) problems.push(error(file.path, '$', 'files.unsafe_path', 'the path leaves the chart folder or is not a plain relative path'));
  }
  problems.push(...checkChartYaml(files));
  const valuesText = fileText(files, VALUES_YAML);
  if (files.some((file) => file.path === VALUES_YAML)) {
    const values = valuesText === undefined ? { ok: false as const, message: 'not UTF-8 text' } : parseYaml(valuesText);
    if (!values.ok) problems.push(error(VALUES_YAML, '$', 'values.syntax', `values.yaml is not valid YAML: ${values.message}`, { expected: 'YAML' }));
    else if (values.value !== null && !isMapping(values.value)) {
      problems.push(error(VALUES_YAML, '$', 'values.not_mapping', 'values.yaml must be a mapping of keys to values', { expected: 'a mapping', found: Array.isArray(values.value) ? 'a list' : values.value }));
    }
  }
  if (files.some((file) => file.path === VALUES_SCHEMA_JSON)) problems.push(...checkValuesSchema(fileText(files, VALUES_SCHEMA_JSON)));
  if (!files.some((file) => file.path.startsWith(TEMPLATES_DIR))) {
    problems.push(error(TEMPLATES_DIR, '$', 'chart.no_templates', 'a chart needs a templates/ folder with the manifests it installs', { expected: 'templates/*.yaml' }));
  }
  if (!files.some((file) => file.path === 'README.md')) problems.push(warning('README.md', '$', 'file.readme_missing', 'a README.md tells users what the chart deploys'));
  return problems;
}

function checkChartYaml(files: PackageFiles): PackageProblem[] {
  if (!files.some((file) => file.path === CHART_YAML)) return [error(CHART_YAML, '$', 'chart.missing', 'a chart needs a Chart.yaml in its top folder')];
  const text = fileText(files, CHART_YAML);
  const parsed = text === undefined ? { ok: false as const, message: 'not UTF-8 text' } : parseYaml(text);
  if (!parsed.ok) return [error(CHART_YAML, '$', 'chart.syntax', `Chart.yaml is not valid YAML: ${parsed.message}`, { expected: 'YAML' })];
  const raw = parsed.value;
  if (!isMapping(raw)) return [error(CHART_YAML, '$', 'chart.not_mapping', 'Chart.yaml must be a mapping', { expected: 'a mapping', found: Array.isArray(raw) ? 'a list' : raw })];
  const problems: PackageProblem[] = [];
  if (raw.apiVersion !== 'v2') {
    problems.push(error(CHART_YAML, 'apiVersion', 'chart.api_version', 'Pitrix installs Helm 3+ charts (apiVersion v2)', { expected: 'v2', found: raw.apiVersion ?? null }));
  }
  if (typeof raw.name !== 'string' || raw.name.length > 63 || !CHART_NAME_PATTERN.test(raw.name)) {
    problems.push(error(CHART_YAML, 'name', 'chart.name', 'the chart name must be lower-case letters, digits and -, starting and ending with a letter or digit, at most 63 characters', { expected: CHART_NAME_PATTERN.source, found: raw.name ?? null }));
  }
  if (typeof raw.version !== 'string' || !SEMVER2_PATTERN.test(raw.version)) {
    problems.push(error(CHART_YAML, 'version', 'chart.version', 'the chart version must be a Semantic Version 2', { expected: 'a semantic version such as 1.2.0', found: raw.version ?? null }));
  }
  if (raw.type !== undefined && raw.type !== 'application') {
    const library = raw.type === 'library';
    problems.push(error(CHART_YAML, 'type', library ? 'chart.library' : 'chart.type', library ? 'a library chart cannot be installed' : 'the chart type must be application', { expected: 'application', found: raw.type }));
  }
  for (const key of ['appVersion', 'description', 'home', 'icon', 'kubeVersion'] as const) {
    const value = raw[key];
    if (value !== undefined && typeof value !== 'string' && !(key === 'appVersion' && typeof value === 'number')) {
      problems.push(error(CHART_YAML, key, 'chart.field_type', `${key} must be a string`, { expected: 'a string', found: value }));
    }
  }
  for (const key of ['keywords', 'sources'] as const) {
    const value = raw[key];
    if (value !== undefined && (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))) {
      problems.push(error(CHART_YAML, key, 'chart.field_type', `${key} must be a list of strings`, { expected: 'a list of strings', found: value }));
    }
  }
  if (raw.maintainers !== undefined && (!Array.isArray(raw.maintainers) || raw.maintainers.some((item) => !isMapping(item)))) {
    problems.push(error(CHART_YAML, 'maintainers', 'chart.field_type', 'maintainers must be a list of {name, email?, url?}', { expected: 'a list of mappings', found: raw.maintainers }));
  }
  return problems;
}

function checkValuesSchema(text: string | undefined): PackageProblem[] {
  const parsed = text === undefined ? { ok: false as const, message: 'not UTF-8 text' } : parseJson(text);
  if (!parsed.ok) return [error(VALUES_SCHEMA_JSON, '$', 'values_schema.syntax', `values.schema.json is not valid JSON: ${parsed.message}`, { expected: 'JSON' })];
  const schema = parsed.value;
  if (!isMapping(schema)) {
    return [error(VALUES_SCHEMA_JSON, '$', 'values_schema.not_object', 'values.schema.json must be a JSON Schema object', { expected: 'an object', found: Array.isArray(schema) ? 'a list' : schema })];
  }
  const problems: PackageProblem[] = [];
  walkSchema(schema, [], problems);
  return problems;
}

/** Checks the keywords the form and Helm both rely on: types, properties, required, bounds. */
function walkSchema(schema: Record<string, unknown>, path: string[], problems: PackageProblem[]): void {
  const at = path.length === 0 ? '$' : path.join('.');
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  for (const type of types) {
    if (typeof type !== 'string' || !JSON_SCHEMA_TYPES.has(type)) {
      problems.push(error(VALUES_SCHEMA_JSON, `${at}.type`.replace(/^\$\./, ''), 'values_schema.type', 'not a JSON Schema type', { expected: [...JSON_SCHEMA_TYPES].join(', '), found: type }));
    }
  }
  if (schema.required !== undefined && (!Array.isArray(schema.required) || schema.required.some((key) => typeof key !== 'string'))) {
    problems.push(error(VALUES_SCHEMA_JSON, `${at}.required`.replace(/^\$\./, ''), 'values_schema.required', 'required must be a list of property names', { expected: 'a list of strings', found: schema.required }));
  }
  for (const key of ['minimum', 'maximum', 'multipleOf'] as const) {
    if (schema[key] !== undefined && typeof schema[key] !== 'number') {
      problems.push(error(VALUES_SCHEMA_JSON, `${at}.${key}`.replace(/^\$\./, ''), 'values_schema.bound', `${key} must be a number`, { expected: 'a number', found: schema[key] }));
    }
  }
  if (schema.enum !== undefined && !Array.isArray(schema.enum)) {
    problems.push(error(VALUES_SCHEMA_JSON, `${at}.enum`.replace(/^\$\./, ''), 'values_schema.enum', 'enum must be a list', { expected: 'a list', found: schema.enum }));
  }
  if (schema.properties !== undefined) {
    if (!isMapping(schema.properties)) {
      problems.push(error(VALUES_SCHEMA_JSON, `${at}.properties`.replace(/^\$\./, ''), 'values_schema.properties', 'properties must be an object of schemas', { expected: 'an object', found: schema.properties }));
      return;
    }
    for (const [key, child] of Object.entries(schema.properties)) {
      if (typeof child === 'boolean') continue;
      if (!isMapping(child)) {
        problems.push(error(VALUES_SCHEMA_JSON, [...path, 'properties', key].join('.'), 'values_schema.not_object', 'a property schema must be an object', { expected: 'an object', found: child }));
        continue;
      }
      walkSchema(child, [...path, 'properties', key], problems);
    }
  }
}
