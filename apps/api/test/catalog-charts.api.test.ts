import { startApiHarness, type ApiHarness, type TestUser } from '@pitrix/e2e-harness';
import { encodeText, type PackageFiles } from '@pitrix/package';
import { buildPackageArchive, loadPackageFromDirectory, type PackageArchive } from '@pitrix/package-io';
import { loadPackageConfig } from '@pitrix/config';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';
import { archiveOf, loadExamples } from './support/catalog-repo.js';
import { helmBinary } from '@pitrix/testing';

const WEB_SHOP = join(__dirname, '../../../examples/charts/web-shop');
const VERSION_FIELDS = 'id appId name version appVersion kind chart status source';

interface VersionView { id: string; appId: string; name: string; version: string; appVersion: string | null; kind: string; chart: Record<string, unknown> | null; status: string; source: string }
interface FormNode { key: string; path: string; widget: string; type: string; default?: unknown; min?: number; max?: number; options?: unknown[]; required: boolean; changeable: boolean; children?: FormNode[] }

function find(nodes: readonly FormNode[], path: string): FormNode | undefined {
  for (const node of nodes) {
    if (node.path === path) return node;
    const found = find(node.children ?? [], path);
    if (found) return found;
  }
  return undefined;
}

function chartArchive(files: PackageFiles, version: string): PackageArchive {
  const edited = files.map((file) => (file.path === 'Chart.yaml' ? { ...file, bytes: encodeText(new TextDecoder().decode(file.bytes).replace(/^version: .*$/m, `version: ${version}`)) } : file));
  return buildPackageArchive(edited, { name: 'web-shop', version });
}

describe('Helm charts in the catalog: kind, review view, form from values.schema.json, placement by kind', () => {
  let api: ApiHarness;
  let bob: TestUser;
  let folder: string;
  let repoId: string;
  let webShop: PackageFiles;
  const versions: Record<string, VersionView> = {};

  const call = async <T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> => {
    const body = await api.graphql<T>(query, variables, headers);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };
  const finished = async (id: string) => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const list = (await call<{ repoEvents: { edges: Array<{ node: { status: string; added: number; failures: Array<{ name: string; code: string; reason: string }> } }> } }>(
        `query($repoId: String) { repoEvents(filter: { repoId: $repoId }, page: { first: 5 }) { edges { node { status added failures { name code reason } } } } }`, { repoId: id },
      )).repoEvents.edges.map((e) => e.node);
      if (list[0] && ['successful', 'failed'].includes(list[0].status)) return list[0];
      if (Date.now() > deadline) throw new Error(`no finished index run of ${id}: ${JSON.stringify(list)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    api = await startApiHarness('api_catalog_charts', { startApi, apiUrl }, { env: { PITRIX_HELM_BINARY: await helmBinary() } });
    bob = await api.userWithToken('bob', ['developer'], { group: 'bobs' });
    webShop = await loadPackageFromDirectory(WEB_SHOP, loadPackageConfig({}).package);
    const [example] = await loadExamples();
    folder = mkdtempSync(join(tmpdir(), 'pitrix-api-charts-'));
    for (const archive of [archiveOf(example!), chartArchive(webShop, '1.0.0')]) writeFileSync(join(folder, archive.fileName), archive.bytes);
    repoId = (await call<{ createRepo: { id: string } }>(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { id } }`, {
      input: { name: 'mixed', url: pathToFileURL(folder).toString(), visibility: 'private', providers: ['local'], appDefaultStatus: 'active', groupId: 'grp-bobs' },
    })).createRepo.id;
    expect(await finished(repoId)).toMatchObject({ status: 'successful', added: 2 });
    const list = await call<{ appVersions: { edges: Array<{ node: VersionView }> } }>(`query($repoId: String) { appVersions(filter: { repoId: $repoId }, page: { first: 10 }) { edges { node { ${VERSION_FIELDS} } } } }`, { repoId }, bob.headers);
    for (const { node } of list.appVersions.edges) versions[node.kind] = node;
  }, 240_000);
  afterAll(async () => {
    await api?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('a version says its kind; a chart carries its Chart.yaml fields', () => {
    expect(versions.pitrix).toMatchObject({ kind: 'pitrix', chart: null });
    expect(versions.helm).toMatchObject({ name: 'web-shop', version: '1.0.0', appVersion: '2.4', kind: 'helm' });
    expect(versions.helm!.chart).toMatchObject({ apiVersion: 'v2', kubeVersion: '>=1.27.0-0', type: 'application', icon: 'https://example.com/web-shop/icon.svg' });
  });

  it('the review view of a chart: files, README, the manifests helm renders with the defaults, and the form from values.schema.json', async () => {
    const view = (await call<{ appVersionPackage: { kind: string; files: Array<{ path: string }>; blueprint: Record<string, unknown>; configForm: { sections: FormNode[] }; readme: string | null } }>(
      `query($id: ID!) { appVersionPackage(id: $id) { kind files { path } blueprint configForm readme } }`, { id: versions.helm!.id }, bob.headers,
    )).appVersionPackage;
    expect(view.kind).toBe('helm');
    expect(view.files.map((file) => file.path)).toEqual(expect.arrayContaining(['Chart.yaml', 'values.yaml', 'values.schema.json', 'templates/web.yaml', 'templates/tests/test-connection.yaml']));
    expect(view.readme).toContain('# web-shop');
    expect(view.blueprint).toMatchObject({ kind: 'helm', chart: { name: 'web-shop', version: '1.0.0' }, values: { web: { replicas: 2 } }, hasTests: true, renderError: null });
    expect(view.blueprint.manifests).toEqual(expect.stringContaining('kind: StatefulSet'));
    expect(find(view.configForm.sections, 'web.replicas')).toMatchObject({ widget: 'number', type: 'integer', default: 2, min: 1, max: 10, required: true, changeable: true });
    expect(find(view.configForm.sections, 'shop.currency')).toMatchObject({ widget: 'select', options: ['EUR', 'USD', 'GBP', 'JPY'] });
    expect(find(view.configForm.sections, 'store.size')).toMatchObject({ changeable: false });
  });

  it('the review view of a Pitrix package is unchanged, with its kind', async () => {
    const view = (await call<{ appVersionPackage: { kind: string; blueprint: Record<string, unknown>; configForm: { sections: FormNode[] } } }>(
      `query($id: ID!) { appVersionPackage(id: $id) { kind blueprint configForm } }`, { id: versions.pitrix!.id }, bob.headers,
    )).appVersionPackage;
    expect(view.kind).toBe('pitrix');
    expect(view.blueprint.nodes).toBeInstanceOf(Array);
    expect(view.configForm.sections.length).toBeGreaterThan(0);
  });

  it('a chart is not eligible for a local runtime; a Pitrix package of the same repo is', async () => {
    const runtime = (await call<{ createRuntime: { id: string } }>(`mutation($input: CreateRuntimeInput!) { createRuntime(input: $input) { id } }`, {
      input: { name: 'bobs-local', provider: 'local', zone: 'local', options: { simulateDrones: true }, groupId: 'grp-bobs' },
    })).createRuntime.id;
    const eligible = async (id: string) => (await call<{ eligibleRuntimes: Array<{ id: string }> }>(`query($id: ID!) { eligibleRuntimes(appVersionId: $id) { id } }`, { id }, bob.headers)).eligibleRuntimes.map((r) => r.id);
    expect(await eligible(versions.pitrix!.id)).toEqual([runtime]);
    expect(await eligible(versions.helm!.id)).toEqual([]);
  });

  it('uploads a chart as a draft (linted and rendered with helm); a chart that does not render is refused with helm\'s message', async () => {
    const uploaded = await call<{ uploadPackage: VersionView }>(`mutation($input: UploadPackageInput!) { uploadPackage(input: $input) { ${VERSION_FIELDS} } }`, {
      input: { repoId, archiveBase64: Buffer.from(chartArchive(webShop, '1.1.0').bytes).toString('base64') },
    }, bob.headers);
    expect(uploaded.uploadPackage).toMatchObject({ name: 'web-shop', version: '1.1.0', kind: 'helm', status: 'draft', source: 'upload' });
    const broken = chartArchive(webShop.map((file) => (file.path === 'templates/web.yaml' ? { ...file, bytes: encodeText('replicas: {{ .Values.web.replicas | nosuchfunction }}\n') } : file)), '1.2.0');
    const refused = await api.graphql(`mutation($input: UploadPackageInput!) { uploadPackage(input: $input) { id } }`, { input: { repoId, archiveBase64: Buffer.from(broken.bytes).toString('base64') } }, bob.headers);
    expect(refused.errors?.[0]?.extensions?.code).toBe('PACKAGE.CHART_INVALID');
    expect(refused.errors?.[0]?.message).toContain('function "nosuchfunction" not defined');
  });
});
