import { parseDocument } from 'yaml';
import { decodeText, findFile, PACKAGE_JSON, type PackageFiles } from '../files.js';

/** The chart's descriptor. */
export const CHART_YAML = 'Chart.yaml';
/** The chart's default values. */
export const VALUES_YAML = 'values.yaml';
/** The JSON Schema Helm checks values against. */
export const VALUES_SCHEMA_JSON = 'values.schema.json';
/** Folder of the chart's manifest templates. */
export const TEMPLATES_DIR = 'templates/';
/** Folder of the chart's test hooks (`helm test`). */
export const CHART_TESTS_DIR = 'templates/tests/';

/** What a package is: a Pitrix package (package.json, config.json, blueprint) or a Helm chart. */
export type PackageKind = 'pitrix' | 'helm';

/** A maintainer as Chart.yaml lists it. */
export interface ChartMaintainer {
  readonly name?: string;
  readonly email?: string;
  readonly url?: string;
}

/** The fields of Chart.yaml the catalog keeps. */
export interface ChartMetadata {
  readonly apiVersion: string;
  readonly name: string;
  readonly version: string;
  readonly appVersion?: string;
  readonly description?: string;
  readonly home?: string;
  readonly icon?: string;
  readonly keywords?: string[];
  readonly maintainers?: ChartMaintainer[];
  readonly sources?: string[];
  readonly kubeVersion?: string;
  readonly type?: string;
}

/** A chart as the catalog reads it. */
export interface Chart {
  readonly metadata: ChartMetadata;
  /** values.yaml parsed; `{}` when the chart has none. */
  readonly values: Record<string, unknown>;
  /** values.schema.json parsed, or null when the chart has none. */
  readonly valuesSchema: Record<string, unknown> | null;
  /** README.md, or null. */
  readonly readme: string | null;
  /** True when the chart has test hooks under templates/tests/. */
  readonly hasTests: boolean;
}

/** A top-level Chart.yaml and no package.json is a Helm chart; anything else is read as a Pitrix package. */
export function packageKindOf(files: PackageFiles): PackageKind {
  return findFile(files, CHART_YAML) && !findFile(files, PACKAGE_JSON) ? 'helm' : 'pitrix';
}

/** A YAML or JSON file read as data, or the reason it cannot be. */
export type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** Parses YAML (1.2 core schema, unique keys, bounded aliases). An empty document is null. */
export function parseYaml(text: string): Parsed {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) return { ok: false, message: document.errors.map((err) => err.message.split('\n')[0]).join('; ') };
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: 100 }) };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

/** Parses JSON. */
export function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

/** A file's text, or undefined when it is absent or not UTF-8. */
export function fileText(files: PackageFiles, path: string): string | undefined {
  const file = findFile(files, path);
  return file ? decodeText(file.bytes) : undefined;
}

/** True for a plain object (a YAML mapping, a JSON object). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a chart: Chart.yaml's metadata, the default values, the values schema, the README and
 * whether it has tests. Tolerant: a file that cannot be read counts as absent (lintChart says
 * why); only a chart without a readable Chart.yaml mapping throws.
 */
export function readChart(files: PackageFiles): Chart {
  const chartYaml = parseYaml(fileText(files, CHART_YAML) ?? '');
  if (!chartYaml.ok || !isMapping(chartYaml.value)) throw new Error(`${CHART_YAML} is missing or not a YAML mapping`);
  const values = parseYaml(fileText(files, VALUES_YAML) ?? '');
  const schemaText = fileText(files, VALUES_SCHEMA_JSON);
  const schema = schemaText === undefined ? undefined : parseJson(schemaText);
  return {
    metadata: chartMetadataOf(chartYaml.value),
    values: values.ok && isMapping(values.value) ? values.value : {},
    valuesSchema: schema?.ok && isMapping(schema.value) ? schema.value : null,
    readme: fileText(files, 'README.md') ?? null,
    hasTests: files.some((file) => file.path.startsWith(CHART_TESTS_DIR)),
  };
}

/** The Chart.yaml fields the catalog keeps, as strings and lists of strings. */
export function chartMetadataOf(raw: Record<string, unknown>): ChartMetadata {
  const picked = {
    apiVersion: text(raw.apiVersion) ?? '',
    name: text(raw.name) ?? '',
    version: text(raw.version) ?? '',
    appVersion: text(raw.appVersion),
    description: text(raw.description),
    home: text(raw.home),
    icon: text(raw.icon),
    keywords: strings(raw.keywords),
    maintainers: Array.isArray(raw.maintainers)
      ? raw.maintainers.filter(isMapping).map((m) => compact({ name: text(m.name), email: text(m.email), url: text(m.url) }) as ChartMaintainer)
      : undefined,
    sources: strings(raw.sources),
    kubeVersion: text(raw.kubeVersion),
    type: text(raw.type),
  };
  return compact(picked) as unknown as ChartMetadata;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(text).filter((item): item is string => item !== undefined) : undefined;
}

function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
