import { describe, expect, it } from 'vitest';
import { chartForm, chartReadOnlyPaths, lintChart, packageKindOf, readChart, type FormNode, type PackageFile } from '../src/index.js';
import { codesOf, readFixture, readFolder, WEB_SHOP_CHART, withFile, withoutFile } from './fixtures.js';

const webShop = readFolder(WEB_SHOP_CHART);
const CHART_YAML = 'apiVersion: v2\nname: demo\nversion: 0.1.0\n';
const TEMPLATE = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n';

/** A minimal chart: Chart.yaml, one template, a README, and the given extra files. */
function chart(extra: Record<string, string> = {}): PackageFile[] {
  let files: PackageFile[] = [];
  for (const [path, text] of Object.entries({ 'Chart.yaml': CHART_YAML, 'templates/cm.yaml': TEMPLATE, 'README.md': '# demo', ...extra })) files = withFile(files, path, text);
  return files;
}

function find(nodes: readonly FormNode[], path: string): FormNode | undefined {
  for (const node of nodes) {
    if (node.path === path) return node;
    const found = find(node.children ?? [], path);
    if (found) return found;
  }
  return undefined;
}

describe('packageKindOf', () => {
  it.each([
    ['a chart', chart(), 'helm'],
    ['the example chart', webShop, 'helm'],
    ['a Pitrix package', readFixture('appcenter-template-name'), 'pitrix'],
    ['Chart.yaml and package.json', withFile(chart(), 'package.json', '{}'), 'pitrix'],
    ['Chart.yaml only below the top folder', withFile([], 'sub/Chart.yaml', CHART_YAML), 'pitrix'],
    ['nothing at all', [], 'pitrix'],
  ])('%s is %s', (_name, files, kind) => {
    expect(packageKindOf(files)).toBe(kind);
  });
});

describe('readChart', () => {
  it('reads the example chart', () => {
    const read = readChart(webShop);
    expect(read.metadata).toMatchObject({ apiVersion: 'v2', name: 'web-shop', version: '1.0.0', appVersion: '2.4', kubeVersion: '>=1.27.0-0', type: 'application', icon: 'https://example.com/web-shop/icon.svg' });
    expect(read.metadata.maintainers).toEqual([{ name: 'Pitrix examples', email: 'examples@example.com' }]);
    expect(read.values).toMatchObject({ web: { replicas: 2 }, store: { replicas: 3, size: '1Gi' } });
    expect(read.valuesSchema).toMatchObject({ type: 'object' });
    expect(read.readme).toContain('# web-shop');
    expect(read.hasTests).toBe(true);
  });

  it.each([
    ['no values.yaml', chart(), {}, null, false],
    ['an empty values.yaml', chart({ 'values.yaml': '' }), {}, null, false],
    ['a test hook', chart({ 'templates/tests/t.yaml': TEMPLATE }), {}, null, true],
    ['a schema', chart({ 'values.schema.json': '{"type":"object"}', 'values.yaml': 'a: 1' }), { a: 1 }, { type: 'object' }, false],
    ['a broken schema counts as none', chart({ 'values.schema.json': '{' }), {}, null, false],
  ])('%s', (_name, files, values, schema, hasTests) => {
    const read = readChart(files);
    expect(read.values).toEqual(values);
    expect(read.valuesSchema).toEqual(schema);
    expect(read.hasTests).toBe(hasTests);
  });

  it('reads a numeric appVersion as text', () => {
    expect(readChart(chart({ 'Chart.yaml': `${CHART_YAML}appVersion: 1.10\n` })).metadata.appVersion).toBe('1.1');
  });

  it('throws without a Chart.yaml mapping', () => {
    expect(() => readChart(withoutFile(chart(), 'Chart.yaml'))).toThrow(/Chart.yaml/);
  });
});

describe('lintChart', () => {
  it('passes the example chart without a problem', () => {
    expect(lintChart(webShop)).toEqual([]);
  });

  it.each([
    ['no Chart.yaml', withoutFile(chart(), 'Chart.yaml'), ['chart.missing']],
    ['Chart.yaml is not YAML', chart({ 'Chart.yaml': 'name: [' }), ['chart.syntax']],
    ['Chart.yaml is a list', chart({ 'Chart.yaml': '- a\n' }), ['chart.not_mapping']],
    ['apiVersion v1', chart({ 'Chart.yaml': 'apiVersion: v1\nname: demo\nversion: 0.1.0\n' }), ['chart.api_version']],
    ['a name with capitals', chart({ 'Chart.yaml': 'apiVersion: v2\nname: Demo\nversion: 0.1.0\n' }), ['chart.name']],
    ['a name too long', chart({ 'Chart.yaml': `apiVersion: v2\nname: ${'a'.repeat(64)}\nversion: 0.1.0\n` }), ['chart.name']],
    ['no version', chart({ 'Chart.yaml': 'apiVersion: v2\nname: demo\n' }), ['chart.version']],
    ['a version that is not SemVer 2', chart({ 'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: "1.0"\n' }), ['chart.version']],
    ['a library chart', chart({ 'Chart.yaml': `${CHART_YAML}type: library\n` }), ['chart.library']],
    ['an unknown type', chart({ 'Chart.yaml': `${CHART_YAML}type: plugin\n` }), ['chart.type']],
    ['keywords not a list', chart({ 'Chart.yaml': `${CHART_YAML}keywords: shop\n` }), ['chart.field_type']],
    ['values.yaml is not YAML', chart({ 'values.yaml': 'a: [' }), ['values.syntax']],
    ['values.yaml is a list', chart({ 'values.yaml': '- 1\n' }), ['values.not_mapping']],
    ['values.schema.json is not JSON', chart({ 'values.schema.json': '{"type":' }), ['values_schema.syntax']],
    ['values.schema.json is a list', chart({ 'values.schema.json': '[]' }), ['values_schema.not_object']],
    ['values.schema.json with an unknown type', chart({ 'values.schema.json': '{"properties":{"a":{"type":"int"}}}' }), ['values_schema.type']],
    ['values.schema.json with a text bound', chart({ 'values.schema.json': '{"properties":{"a":{"type":"integer","maximum":"3"}}}' }), ['values_schema.bound']],
    ['no templates/', withoutFile(chart(), 'templates/'), ['chart.no_templates']],
    ['everything wrong at once', [], ['chart.missing', 'chart.no_templates']],
  ])('%s', (_name, files, codes) => {
    expect(codesOf(lintChart(files))).toEqual(codes);
  });

  it('names the file, the path, what was expected and what was found', () => {
    const [problem] = lintChart(chart({ 'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: one\n' }));
    expect(problem).toMatchObject({ file: 'Chart.yaml', path: 'version', code: 'chart.version', severity: 'error', found: 'one' });
  });

  it('warns when the README is missing', () => {
    expect(codesOf(lintChart(withoutFile(chart(), 'README.md')), { warnings: true })).toEqual(['file.readme_missing']);
  });
});

describe('chartForm', () => {
  const form = chartForm(readChart(webShop));

  it.each([
    ['web', { type: 'object', widget: 'section', label: 'Web tier', required: true }],
    ['web.replicas', { type: 'integer', widget: 'number', label: 'Web replicas', default: 2, min: 1, max: 10, required: true, changeable: true, description: 'Pods serving the shop.' }],
    ['web.resources', { widget: 'section' }],
    ['web.resources.limits.memory', { type: 'string', widget: 'text', default: '256Mi', pattern: '^[0-9]+(Mi|Gi)$', required: false }],
    ['shop.currency', { widget: 'select', options: ['EUR', 'USD', 'GBP', 'JPY'], default: 'EUR' }],
    ['shop.featureFlags', { type: 'array', widget: 'json', default: [] }],
    ['store.size', { changeable: false, default: '1Gi' }],
    ['store.storageClass', { changeable: false, default: 'standard' }],
  ])('%s', (path, expected) => {
    expect(find(form.sections, path)).toMatchObject(expected);
  });

  it('takes the label from the schema title and keeps the properties in order', () => {
    expect(form.label).toBe('Web shop');
    expect(form.sections.map((node) => node.key)).toEqual(['web', 'shop', 'store']);
  });

  it.each([
    ['writeOnly', '{"properties":{"p":{"type":"string","writeOnly":true}}}', 'p', { widget: 'secret' }],
    ['format password', '{"properties":{"p":{"type":"string","format":"password"}}}', 'p', { widget: 'secret' }],
    ['multipleOf', '{"properties":{"n":{"type":"integer","multipleOf":10,"minimum":10}}}', 'n', { step: 10, min: 10 }],
    ['a nullable type', '{"properties":{"n":{"type":["null","integer"]}}}', 'n', { type: 'integer', widget: 'number' }],
    ['a schema default when values.yaml has none', '{"properties":{"n":{"type":"integer","default":4}}}', 'n', { default: 4 }],
    ['a $ref', '{"definitions":{"port":{"type":"integer","maximum":65535}},"properties":{"port":{"$ref":"#/definitions/port","title":"Port"}}}', 'port', { type: 'integer', max: 65535, label: 'Port' }],
    ['an object without properties takes its fields from values.yaml', '{"properties":{"m":{"type":"object"}}}', 'm.k', { type: 'string', default: 'v' }],
    ['a boolean', '{"properties":{"b":{"type":"boolean"}}}', 'b', { widget: 'toggle' }],
  ])('%s', (_name, schema, path, expected) => {
    const read = readChart(chart({ 'values.schema.json': schema, 'values.yaml': 'm:\n  k: v\n' }));
    expect(find(chartForm(read).sections, path)).toMatchObject(expected);
  });

  it.each([
    ['an integer', 'n', { type: 'integer', widget: 'number', default: 3, required: false, changeable: true }],
    ['a number', 'f', { type: 'number', widget: 'number', default: 1.5 }],
    ['a string', 's', { type: 'string', widget: 'text', default: 'x' }],
    ['a boolean', 'b', { type: 'boolean', widget: 'toggle', default: true }],
    ['a map', 'm', { type: 'object', widget: 'section' }],
    ['a nested value', 'm.k', { type: 'string', default: 'v' }],
    ['a list', 'l', { type: 'array', widget: 'json', default: [1, 2] }],
  ])('without a schema: %s from values.yaml', (_name, path, expected) => {
    const read = readChart(chart({ 'values.yaml': 'n: 3\nf: 1.5\ns: x\nb: true\nm:\n  k: v\nl: [1, 2]\n' }));
    expect(find(chartForm(read).sections, path)).toMatchObject(expected);
  });

  it('is empty for a chart without values', () => {
    expect(chartForm(readChart(chart())).sections).toEqual([]);
  });
});

describe('chartReadOnlyPaths', () => {
  it('finds the fields the example chart fixes at install', () => {
    expect(chartReadOnlyPaths(readChart(webShop))).toEqual(expect.arrayContaining(['store.size', 'store.storageClass']));
    expect(chartReadOnlyPaths(readChart(webShop))).not.toContain('web.replicas');
  });

  it.each([
    ['no schema', chart({ 'values.yaml': 'a: 1' }), []],
    ['a read-only object stops there', chart({ 'values.schema.json': '{"properties":{"o":{"type":"object","readOnly":true,"properties":{"p":{"readOnly":true}}}}}' }), ['o']],
    ['top level', chart({ 'values.schema.json': '{"properties":{"a":{"readOnly":true},"b":{"readOnly":false}}}' }), ['a']],
  ])('%s', (_name, files, paths) => {
    expect(chartReadOnlyPaths(readChart(files))).toEqual(paths);
  });
});
