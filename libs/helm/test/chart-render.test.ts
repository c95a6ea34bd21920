import { hasErrorCode, isPitrixError, type PitrixError } from '@pitrix/errors';
import { encodeText } from '@pitrix/package';
import { loadPackageFromDirectory } from '@pitrix/package-io';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HelmCli, lintChartWithHelm, parseSchemaErrors, pointerToPath, renderChart, type ChartFileInput } from '../src/index.js';
import { helmBinary } from '@pitrix/testing';

type BytesFile = { path: string; bytes: Uint8Array; mode: number };

const WEB_SHOP = join(__dirname, '../../../examples/charts/web-shop');

function withFile(files: readonly BytesFile[], path: string, text: string): BytesFile[] {
  return [...files.filter((file) => file.path !== path), { path, bytes: encodeText(text), mode: 0o644 }];
}

async function failure(promise: Promise<unknown>): Promise<PitrixError> {
  const err = await promise.then(() => undefined, (caught: unknown) => caught);
  if (!isPitrixError(err)) throw new Error(`expected a PitrixError, got ${String(err)}`);
  return err;
}

const target = { release: 'shop', namespace: 'shops' };

describe('rendering charts with the real helm binary', () => {
  let helm: HelmCli;
  let webShop: BytesFile[];
  beforeAll(async () => {
    helm = new HelmCli(await helmBinary());
    // Read with the real loader, as the catalog reads charts (limits generous: the chart is a few kilobytes).
    webShop = await loadPackageFromDirectory(WEB_SHOP, { maxArchiveBytes: 2 ** 24, maxFiles: 2000, maxFileBytes: 2 ** 23, maxTotalBytes: 2 ** 26 });
  });

  it('renders the example chart with its defaults: every workload, the release name and the namespace', async () => {
    const manifests = await renderChart(helm, webShop, {}, target);
    for (const kind of ['Deployment', 'Service', 'ConfigMap', 'StatefulSet', 'Pod']) expect(manifests).toContain(`kind: ${kind}`);
    expect(manifests).toContain('name: shop-config');
    expect(manifests).toMatch(/kind: Deployment[\s\S]*replicas: 2/);
    expect(manifests).toContain('helm.sh/hook: test');
  });

  it('takes values, and files as base64 as job payloads carry them', async () => {
    const base64: ChartFileInput[] = webShop.map((file) => ({ path: file.path, mode: file.mode, contentBase64: Buffer.from(file.bytes).toString('base64') }));
    const manifests = await renderChart(helm, base64, { web: { replicas: 7 }, store: { replicas: 5 }, shop: { currency: 'USD' } }, target);
    expect(manifests).toMatch(/kind: Deployment[\s\S]*replicas: 7/);
    expect(manifests).toMatch(/kind: StatefulSet[\s\S]*replicas: 5/);
    expect(manifests).toContain('SHOP_CURRENCY: "USD"');
  });

  it('values that break values.schema.json are PACKAGE.VALUES_INVALID with one problem per field', async () => {
    const err = await failure(renderChart(helm, webShop, { web: { replicas: 20, port: 'x' }, shop: { currency: 'CHF' }, store: null }, target));
    expect(err.code).toBe('PACKAGE.VALUES_INVALID');
    expect(err.problems.map((problem) => problem.path).sort()).toEqual(['shop.currency', 'store', 'web.port', 'web.replicas']);
    expect(err.problems.find((problem) => problem.path === 'web.replicas')?.message).toContain('maximum');
  });

  it.each([
    ['an unknown function', 'kind: {{ .Values.web.replicas | nosuchfunction }}\n', 'function "nosuchfunction" not defined'],
    ['a nil pointer', 'x: {{ .Values.nothing.deeper }}\n', 'nil pointer'],
    ['YAML that does not parse', 'a: b\n  c: d: e\n', 'YAML parse error'],
  ])('a chart that does not render (%s) is PACKAGE.CHART_INVALID naming the template', async (_name, template, message) => {
    const err = await failure(renderChart(helm, withFile(webShop, 'templates/bad.yaml', template), {}, target));
    expect(hasErrorCode(err, 'PACKAGE.CHART_INVALID')).toBe(true);
    expect(err.message).toContain(message);
    expect(err.message).not.toMatch(/^Error:|--debug/);
    expect(err.problems[0]).toMatchObject({ file: 'templates/bad.yaml' });
  });

  it('lintChartWithHelm passes the example chart', async () => {
    expect(await lintChartWithHelm(helm, webShop)).toEqual([]);
  });

  it.each([
    ['a template that does not render', 'templates/bad.yaml', '{{ include "nothing" . }}\n', 'chart.render'],
    ['defaults that break the schema', 'values.yaml', 'web:\n  replicas: 0\n  image: x\nshop: {}\nstore:\n  replicas: 1\n', 'chart.defaults_invalid'],
  ])('lintChartWithHelm: %s', async (_name, file, text, code) => {
    const problems = await lintChartWithHelm(helm, withFile(webShop, file, text));
    expect(problems.map((problem) => [problem.code, problem.file])).toEqual([[code, file]]);
  });

  it('lintChartWithHelm reports static problems without running helm', async () => {
    const problems = await lintChartWithHelm(new HelmCli('/nonexistent/helm'), withFile(webShop, 'Chart.yaml', 'apiVersion: v1\nname: web-shop\nversion: 1.0.0\n'));
    expect(problems.map((problem) => problem.code)).toEqual(['chart.api_version']);
  });
});

describe('reading helm messages', () => {
  it.each([
    ['', '$'],
    ['/web', 'web'],
    ['/web/replicas', 'web.replicas'],
    ['/list/0/name', 'list[0].name'],
    ['/a~1b', '["a/b"]'],
  ])('pointer %j is %s', (pointer, path) => {
    expect(pointerToPath(pointer)).toBe(path);
  });

  it.each([
    ['helm 4 nested', "- at '/web': validation failed\n  - at '/web/replicas': maximum: got 20, want 10\n", [['web.replicas', 'maximum: got 20, want 10']]],
    ['helm 4 missing', "- at '': missing property 'web'\n- at '/a': missing properties 'b', 'c'\n", [['web', 'a required value is missing'], ['a.b', 'a required value is missing'], ['a.c', 'a required value is missing']]],
    ['helm 3', '- web.replicas: Must be less than or equal to 10\n', [['web.replicas', 'Must be less than or equal to 10']]],
  ])('%s', (_name, stderr, expected) => {
    expect(parseSchemaErrors(stderr).map((problem) => [problem.path, problem.message])).toEqual(expected);
  });
});
