import { AccountStore } from '@pitrix/account-store';
import { loadDevStackConfig } from '@pitrix/config';
import { allSchemaModules } from '@pitrix/schemas';
import { createTestDatabase, type TestDatabase } from '@pitrix/testing';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAccounts } from '../src/accounts-bootstrap.js';

const URL = 'http://127.0.0.1:4000/graphql';

describe('npm start’s first accounts', () => {
  let db: TestDatabase;
  let folder: string;

  beforeAll(async () => {
    db = await createTestDatabase('dev_accounts', allSchemaModules);
    folder = mkdtempSync(join(tmpdir(), 'pitrix-dev-accounts-'));
  });
  afterAll(async () => {
    await db?.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('creates the admin with a password file only its owner reads, gives the CLI a token, and keeps a valid one on later starts', async () => {
    const config = loadDevStackConfig({ PITRIX_HOME: join(folder, 'home'), PITRIX_DATABASE_URL: db.url });
    mkdirSync(config.home.home, { recursive: true });
    const env = { PITRIX_CONFIG_DIR: join(folder, 'cli'), PITRIX_TOKEN: 'pxt_from-the-environment' };
    const lines: string[] = [];
    const token = await bootstrapAccounts(config, URL, (line) => lines.push(line), env);

    const passwordFile = join(config.home.home, 'admin-password');
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    const password = readFileSync(passwordFile, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(lines.join('\n')).toContain(password);
    const accounts = new AccountStore(db.dataSource);
    expect(await accounts.verifyPassword('admin', password, '127.0.0.1')).toMatchObject({ login: 'admin', roles: ['admin'] });

    const credentialsFile = join(folder, 'cli', 'credentials.json');
    expect(statSync(credentialsFile).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Record<string, { token: string; login: string }>;
    expect(stored[URL]).toMatchObject({ token, login: 'admin' });
    expect((await accounts.tokenPrincipal(token))?.principal.login).toBe('admin');

    // A second start creates nothing and keeps the CLI's valid token.
    const again: string[] = [];
    expect(await bootstrapAccounts(config, URL, (line) => again.push(line), env)).toBe(token);
    expect(again).toEqual([]);

    // A token revoked meanwhile is replaced.
    const { tokenId } = (await accounts.tokenPrincipal(token))!;
    await accounts.revokeToken(tokenId);
    const replaced = await bootstrapAccounts(config, URL, () => undefined, env);
    expect(replaced).not.toBe(token);
    expect((await accounts.tokenPrincipal(replaced))?.principal.login).toBe('admin');
  }, 60_000);
});
