import { apiUrl, startApi } from '@pitrix/api';
import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCli } from './support/admin-cli.js';

const keyA = `key-a:${randomBytes(32).toString('base64')}`;
const keyB = `key-b:${randomBytes(32).toString('base64')}`;

describe('pitrix admin rotate-keys against the real API', () => {
  let api: ApiHarness;
  /** A second API on the harness's database with keys "B,A": the CLI talks to it. */
  let rotated: Awaited<ReturnType<typeof startApi>> | undefined;
  let rotatedUrl: string | undefined;
  const { pitrix } = adminCli(() => ({ ...api, url: rotatedUrl ?? api.url }));

  beforeAll(async () => {
    api = await startApiHarness('cli_admin_keys', { startApi, apiUrl }, { env: { PITRIX_SECRET_KEYS: keyA } });
    const secretFile = join(mkdtempSync(join(tmpdir(), 'pitrix-cli-keys-')), 'secret.json');
    writeFileSync(secretFile, JSON.stringify({ token: 'cli-rotation-secret-99' }));
    const created = await pitrix(['credential', 'create', '--name', 'rotating', '--provider', 'local', '--secret-file', secretFile]);
    expect(created.code).toBe(0);
    rotated = await startApi({ ...api.config, api: { ...api.config.api, port: 0 }, secrets: { keys: `${keyB},${keyA}` } });
    rotatedUrl = `${await apiUrl(rotated)}/graphql`;
  });
  afterAll(async () => {
    await rotated?.close();
    await api.close();
  });

  it('prints the counts per kind; a second run finds everything current', async () => {
    const first = await pitrix(['admin', 'rotate-keys']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('re-sealed under key key-b');
    expect(first.stdout).toMatch(/^KIND +RESEALED +ALREADY CURRENT +FAILED$/m);
    expect(first.stdout).toMatch(/^runtime-credential +1 +0 +0$/m);
    expect(first.stdout).not.toContain('cli-rotation-secret-99');
    const again = await pitrix(['--json', 'admin', 'rotate-keys']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ keyId: 'key-b', kinds: expect.arrayContaining([{ kind: 'runtime-credential', resealed: 0, alreadyCurrent: 1, failed: 0, failedIds: [] }]) });
    expect((await pitrix(['credential', 'list'])).stdout).toMatch(/rotating .* key-b/);
  });
});
