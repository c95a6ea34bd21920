import { apiUrl, startApi } from '@pitrix/api';
import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCli } from './support/admin-cli.js';

const EXAMPLES = join(__dirname, '../../../examples/packages');

describe('pitrix category / repo update / version cancel and audits / --version against the real API', () => {
  let api: ApiHarness;
  const work = mkdtempSync(join(tmpdir(), 'pitrix-cli-gaps-'));
  const repoFolder = join(work, 'repo');
  const { pitrix, json } = adminCli(() => api);

  beforeAll(async () => {
    api = await startApiHarness('cli_catalog_gaps', { startApi, apiUrl });
    expect((await pitrix(['--json', 'package', 'build', join(EXAMPLES, 'kv-store'), '--out', repoFolder])).code).toBe(0);
  });
  afterAll(async () => {
    await api?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('--version prints the CLI’s version from its package.json; a command’s own --version is untouched', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
    for (const args of [['--version'], ['-V'], ['--json', '--version']]) {
      const run = await pitrix(args);
      expect([args, run.code, run.stdout]).toEqual([args, 0, `${version}\n`]);
    }
    const help = await pitrix(['cluster', 'create', '--version', 'appv-nothere', '--help']);
    expect(help.stdout).toContain('Usage: pitrix cluster create');
  });

  it('creates, lists, updates and deletes categories', async () => {
    const created = await json<{ id: string; name: string; description: string }>(['category', 'create', '--name', 'Databases', '--description', 'stores']);
    expect(created).toMatchObject({ name: 'Databases', description: 'stores' });
    const listed = await json<{ totalCount: number; categories: Array<{ id: string }> }>(['category', 'list', '--search', 'Data']);
    expect(listed.categories.map((c) => c.id)).toContain(created.id);
    expect((await pitrix(['category', 'list'])).stdout).toMatch(new RegExp(`^${created.id} +Databases +stores$`, 'm'));
    // Only the name changes: the description is kept.
    expect(await json(['category', 'update', created.id, '--name', 'Data stores'])).toMatchObject({ id: created.id, name: 'Data stores', description: 'stores' });
    const nothing = await pitrix(['category', 'update', created.id]);
    expect(nothing.code).toBe(1);
    expect((await pitrix(['category', 'delete', created.id])).stdout).toContain(`deleted category ${created.id}`);
    const gone = await pitrix(['category', 'delete', created.id]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/\[CATALOG\.CATEGORY_NOT_FOUND\]/);
  });

  it('repo update changes only what is given', async () => {
    const repo = await json<{ id: string }>(['repo', 'add', '--name', 'gaps-repo', '--url', pathToFileURL(repoFolder).toString(), '--provider', 'local', '--label', 'team=a']);
    const updated = await json<{ id: string; name: string; description: string; providers: string[]; labels: Array<{ key: string; value: string }>; indexIntervalSeconds: number }>(
      ['repo', 'update', repo.id, '--description', 'the kv-store example', '--label', 'team=b', 'tier=gold', '--interval', '3600'],
    );
    expect(updated).toMatchObject({ id: repo.id, name: 'gaps-repo', description: 'the kv-store example', providers: ['local'], indexIntervalSeconds: 3600 });
    expect(updated.labels).toEqual(expect.arrayContaining([{ key: 'team', value: 'b' }, { key: 'tier', value: 'gold' }]));
    const bad = await pitrix(['repo', 'update', repo.id, '--provider', 'Not A Provider']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('[INPUT.INVALID]');
    expect((await pitrix(['repo', 'update', repo.id])).code).toBe(1);
  });

  it('version cancel takes a passed version back to draft, and version audits shows the trail', async () => {
    const repo = (await json<{ repos: Array<{ id: string }> }>(['repo', 'list', '--search', 'gaps-repo'])).repos[0]!;
    await json(['repo', 'index', repo.id, '--wait']);
    const folder = join(work, 'kv-store-2');
    cpSync(join(EXAMPLES, 'kv-store'), folder, { recursive: true });
    const metadata = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ ...metadata, version: '2.0.0' }));
    const pushed = await json<{ id: string; status: string }>(['package', 'push', folder, '--repo', repo.id]);
    // A private repo needs no review: submit passes at once.
    expect(await json(['version', 'submit', pushed.id, '-m', 'ready'])).toMatchObject({ status: 'passed' });
    expect(await json(['version', 'cancel', pushed.id, '-m', 'one more fix'])).toMatchObject({ status: 'draft' });
    expect((await pitrix(['version', 'cancel', pushed.id])).stderr).toContain('[CATALOG.INVALID_TRANSITION]');

    const trail = await json<{ audits: Array<{ action: string; fromStatus: string | null; toStatus: string; message: string | null }> }>(['version', 'audits', pushed.id]);
    const steps = trail.audits.map((a) => [a.fromStatus, a.toStatus, a.message]);
    expect(steps.slice(-2)).toEqual([['draft', 'passed', 'ready'], ['passed', 'draft', 'one more fix']]);
    const human = await pitrix(['version', 'audits', pushed.id]);
    expect(human.stdout).toMatch(/^WHEN +ACTION +FROM +TO +BY +AS +MESSAGE/m);
    expect(human.stdout).toContain('one more fix');
  });
});
