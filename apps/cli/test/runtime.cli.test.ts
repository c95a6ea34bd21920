import { apiUrl, startApi } from '@pitrix/api';
import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCli } from './support/admin-cli.js';


describe('pitrix runtime / credential / provider against the real API', () => {
  let api: ApiHarness;
  const { pitrix } = adminCli(() => api);

  beforeAll(async () => {
    api = await startApiHarness('cli_runtime', { startApi, apiUrl });
  });
  afterAll(() => api.close());

  it('provider list --json', async () => {
    const { code, stdout } = await pitrix(['--json', 'provider', 'list']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      { name: 'aws', requiresCredential: true, containerImages: 'mapped' },
      { name: 'kubernetes', requiresCredential: true, containerImages: 'ignored' },
      { name: 'local', requiresCredential: false, containerImages: 'ignored' },
    ]);
    const human = await pitrix(['provider', 'list']);
    expect(human.stdout).toMatch(/^PROVIDER +NEEDS CREDENTIAL +IMAGES$/m);
    expect(human.stdout).toMatch(/^aws +true +mapped$/m);
    expect(human.stdout).toMatch(/^local +false +ignored$/m);
  });

  it('credential create --kubeconfig stores a kubeconfig file as the kubernetes credential\'s secret; one of the secret options is required', async () => {
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'pitrix-cli-')), 'kubeconfig');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n# cli-kubeconfig-marker\n');
    const created = await pitrix(['--json', 'credential', 'create', '--name', 'kube', '--provider', 'kubernetes', '--kubeconfig', kubeconfig, '--no-validate']);
    expect(created.code).toBe(0);
    expect((JSON.parse(created.stdout) as { secretFields: string[] }).secretFields).toEqual(['kubeconfig']);
    expect(created.stdout).not.toContain('cli-kubeconfig-marker');
    const neither = await pitrix(['credential', 'create', '--name', 'none', '--provider', 'kubernetes']);
    expect(neither.code).not.toBe(0);
    expect(neither.stderr).toContain('give exactly one of --secret-file and --kubeconfig');
  });

  it('credential create reads the secret from a file, never prints it; runtime create uses it', async () => {
    const secretFile = join(mkdtempSync(join(tmpdir(), 'pitrix-cli-')), 'secret.json');
    writeFileSync(secretFile, JSON.stringify({ token: 'cli-secret-value-42' }));
    const created = await pitrix(['--json', 'credential', 'create', '--name', 'box', '--provider', 'local', '--secret-file', secretFile]);
    expect(created.code).toBe(0);
    const credential = JSON.parse(created.stdout) as { id: string; secretFields: string[] };
    expect(credential.secretFields).toEqual(['token']);
    const shown = await pitrix(['credential', 'show', credential.id]);
    expect(shown.stdout).toContain('token (sealed with key dev-1)');
    expect(shown.stdout + created.stdout).not.toContain('cli-secret-value-42');
    const runtime = await pitrix(['--json', 'runtime', 'create', '--name', 'box-rt', '--provider', 'local', '--zone', 'local', '--credential', credential.id, '--label', 'env=dev', '--options', '{"networks":["default","db"]}']);
    expect(runtime.stderr).toBe('');
    expect(JSON.parse(runtime.stdout)).toMatchObject({ name: 'box-rt', credentialId: credential.id, labels: [{ key: 'env', value: 'dev' }], options: { networks: ['default', 'db'] } });
    const validated = await pitrix(['credential', 'validate', credential.id]);
    expect(validated).toMatchObject({ code: 0 });
    expect(validated.stdout).toMatch(/^valid/);
  });

  it('runtime list/show/update/zones/delete', async () => {
    const created = JSON.parse((await pitrix(['--json', 'runtime', 'create', '--name', 'lifecycle', '--provider', 'local', '--zone', 'local'])).stdout) as { id: string };
    const listed = JSON.parse((await pitrix(['--json', 'runtime', 'list', '--search', 'lifecyc'])).stdout) as { totalCount: number; runtimes: Array<{ id: string }> };
    expect(listed.runtimes.map((r) => r.id)).toEqual([created.id]);
    const table = await pitrix(['runtime', 'list']);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+PROVIDER\s+ZONE\s+LABELS\s+OWNER$/);
    await pitrix(['runtime', 'update', created.id, '--label', 'tier=gold']);
    const shown = await pitrix(['runtime', 'show', created.id]);
    expect(shown.stdout).toContain('labels:      tier=gold');
    const zones = JSON.parse((await pitrix(['--json', 'runtime', 'zones', '--provider', 'local'])).stdout) as Array<{ id: string }>;
    expect(zones.map((z) => z.id)).toEqual(['local']);
    expect((await pitrix(['runtime', 'delete', created.id])).code).toBe(0);
    const gone = await pitrix(['runtime', 'show', created.id]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('[RUNTIME.NOT_FOUND]');
  });

  it('runtime validate: ok for a good runtime; a zone the provider no longer offers exits 1 with its code', async () => {
    const created = JSON.parse((await pitrix(['--json', 'runtime', 'create', '--name', 'validated', '--provider', 'local', '--zone', 'rack-2', '--options', '{"zones":["local","rack-2"]}'])).stdout) as { id: string };
    const good = await pitrix(['runtime', 'validate', created.id]);
    expect(good).toMatchObject({ code: 0, stderr: '' });
    expect(good.stdout).toMatch(/^ok: Provider local accepts the credential as local:.* and offers zone rack-2\n$/);
    // As when a zone is retired: the runtime's stored options no longer offer its zone.
    await api.db.dataSource.query(`UPDATE runtime.runtimes SET options = '{"zones": ["local"]}' WHERE id = $1`, [created.id]);
    const bad = await pitrix(['--json', 'runtime', 'validate', created.id]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual({
      ok: false,
      code: 'RUNTIME.ZONE_NOT_FOUND',
      identity: null,
      message: 'Zone rack-2 is not among the zones provider local offers for this runtime (local)',
    });
    const missing = await pitrix(['runtime', 'validate', 'rt-abcdefghjk']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[RUNTIME.NOT_FOUND]');
  });

  it('a bad zone fails with its code and the problem path', async () => {
    const { code, stderr } = await pitrix(['runtime', 'create', '--name', 'nowhere', '--provider', 'local', '--zone', 'mars-1']);
    expect(code).toBe(1);
    expect(stderr).toContain('[RUNTIME.ZONE_NOT_FOUND]');
    expect(stderr).toContain('zone: unknown zone');
  });

  it('a secret can come from stdin', async () => {
    const { code, stdout } = await pitrix(['--json', 'credential', 'create', '--name', 'from-stdin', '--provider', 'local', '--secret-file', '-'], '{"token":"stdin-secret"}');
    expect(code).toBe(0);
    expect(stdout).not.toContain('stdin-secret');
  });
});
