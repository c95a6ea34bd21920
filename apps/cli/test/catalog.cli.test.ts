import { apiUrl, startApi } from '@pitrix/api';
import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCli } from './support/admin-cli.js';

const EXAMPLES = join(__dirname, '../../../examples/packages');

describe('pitrix repo / app / version / package push against the real API', () => {
  let api: ApiHarness;
  const work = mkdtempSync(join(tmpdir(), 'pitrix-cli-catalog-'));
  const repoFolder = join(work, 'repo');
  const { pitrix, json } = adminCli(() => api);

  beforeAll(async () => {
    api = await startApiHarness('cli_catalog', { startApi, apiUrl });
    // The repo starts with the kv-store example, built by the CLI itself.
    const built = await pitrix(['--json', 'package', 'build', join(EXAMPLES, 'kv-store'), '--out', repoFolder]);
    expect(built.code).toBe(0);
  });
  afterAll(async () => {
    await api.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('adds a repo, indexes it and shows the runs, apps and versions', async () => {
    const repo = await json<{ id: string; authenticated: boolean }>(['repo', 'add', '--name', 'cli-repo', '--url', pathToFileURL(repoFolder).toString(), '--provider', 'local']);
    expect(repo.authenticated).toBe(false);
    const run = await json<{ status: string; added: number; unchanged: number }>(['repo', 'index', repo.id, '--wait']);
    expect(run.status).toBe('successful');
    expect(run.added + run.unchanged).toBe(1);
    const listed = await json<{ repos: Array<{ id: string }> }>(['repo', 'list']);
    expect(listed.repos.map((r) => r.id)).toContain(repo.id);
    const events = await json<Array<{ status: string }>>(['repo', 'events', repo.id]);
    expect(events.length).toBeGreaterThanOrEqual(1);
    const table = await pitrix(['repo', 'events', repo.id]);
    expect(table.stdout).toMatch(/^repoe-\S+ (successful|pending|working) \((create|manual)\)/m);

    const apps = await json<{ apps: Array<{ id: string; name: string; status: string }> }>(['app', 'list', '--repo', repo.id]);
    expect(apps.apps.map((a) => [a.name, a.status])).toEqual([['kv-store', 'active']]);
    const shown = await pitrix(['app', 'show', apps.apps[0]!.id]);
    expect(shown.stdout).toContain('name:        kv-store');
    const versions = await json<{ versions: Array<{ version: string; status: string }> }>(['app', 'versions', apps.apps[0]!.id]);
    expect(versions.versions.map((v) => [v.version, v.status])).toEqual([['1.0.0', 'active']]);
  });

  it('pushes a Helm chart folder (linted and rendered with helm first) as a draft version of kind helm', async () => {
    const repo = (await json<{ repos: Array<{ id: string; name: string }> }>(['repo', 'list', '--search', 'cli-repo'])).repos[0]!;
    const pushed = await json<{ id: string; name: string; version: string; status: string }>(['package', 'push', join(__dirname, '../../../examples/charts/web-shop'), '--repo', repo.id]);
    expect(pushed).toMatchObject({ name: 'web-shop', version: '1.0.0', status: 'draft' });
    const kind = await api.graphql<{ appVersion: { kind: string } }>(`query($id: ID!) { appVersion(id: $id) { kind } }`, { id: pushed.id });
    expect(kind.data?.appVersion.kind).toBe('helm');
    const broken = join(work, 'broken-chart');
    cpSync(join(__dirname, '../../../examples/charts/web-shop'), broken, { recursive: true });
    writeFileSync(join(broken, 'templates', 'web.yaml'), '{{ include "nothing" . }}\n');
    const refused = await pitrix(['package', 'push', broken, '--repo', repo.id]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[PACKAGE.CHART_INVALID]');
  });

  it('pushes a package folder as a draft, then takes it through submit and release', async () => {
    const repo = (await json<{ repos: Array<{ id: string; name: string }> }>(['repo', 'list', '--search', 'cli-repo'])).repos[0]!;
    const folder = join(work, 'kv-store-3');
    cpSync(join(EXAMPLES, 'kv-store'), folder, { recursive: true });
    const metadata = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ ...metadata, version: '3.0.0' }));
    const pushed = await json<{ id: string; version: string; status: string }>(['package', 'push', folder, '--repo', repo.id]);
    expect(pushed).toMatchObject({ version: '3.0.0', status: 'draft' });
    const again = await pitrix(['package', 'push', folder, '--repo', repo.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[CATALOG.VERSION_EXISTS]');

    // A private repo needs no review: submit passes at once, release publishes.
    expect(await json<{ status: string }>(['version', 'submit', pushed.id])).toMatchObject({ status: 'passed' });
    const review = await pitrix(['version', 'review', pushed.id]);
    expect(review.code).toBe(1);
    expect(review.stderr).toContain('[CATALOG.INVALID_TRANSITION]');
    expect((await pitrix(['version', 'release', pushed.id])).stdout).toContain(': active');
    const refused = await pitrix(['version', 'delete', pushed.id]);
    expect(refused.stderr).toContain('[CATALOG.INVALID_TRANSITION]');
    expect(await json<{ status: string }>(['version', 'suspend', pushed.id, '-m', 'security fix pending'])).toMatchObject({ status: 'suspended' });
    expect(await json<{ status: string }>(['version', 'recover', pushed.id])).toMatchObject({ status: 'active' });
    const noMessage = await pitrix(['version', 'reject', pushed.id]);
    expect(noMessage.code).toBe(1);
    expect(noMessage.stderr).toContain("required option '-m, --message <text>'");
  });

  it('refuses a repo it cannot reach with its code, and deletes a repo', async () => {
    const missing = await pitrix(['repo', 'add', '--name', 'nowhere', '--url', 'file:///nonexistent/pitrix']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[REPO.NOT_FOUND]');
    const repo = await json<{ id: string }>(['repo', 'add', '--name', 'short-lived', '--url', pathToFileURL(repoFolder).toString()]);
    expect((await pitrix(['repo', 'delete', repo.id])).stdout).toContain(`deleted repo ${repo.id}`);
  });
});
