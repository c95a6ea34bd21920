import { apiUrl, startApi } from '@pitrix/api';
import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const bin = join(__dirname, '../bin/pitrix.js');
const DAY_MS = 24 * 60 * 60 * 1000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('pitrix login / logout / whoami / token / user / group / audit against the real API', () => {
  let api: ApiHarness;
  let configDir: string;
  const folders: string[] = [];
  /** Runs the CLI with its own config folder, no PITRIX_TOKEN unless given, and optional stdin. */
  const pitrix = (args: string[], options: { input?: string; token?: string; configDir?: string } = {}) =>
    new Promise<Run>((resolve) => {
      const env: NodeJS.ProcessEnv = { ...process.env, PITRIX_CONFIG_DIR: options.configDir ?? configDir };
      delete env.PITRIX_TOKEN;
      if (options.token !== undefined) env.PITRIX_TOKEN = options.token;
      const child = spawn(process.execPath, [bin, '--api', api.url, ...args], { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(options.input ?? '');
    });
  const json = async <T>(args: string[], options: { input?: string; token?: string; configDir?: string } = {}): Promise<T> => {
    const run = await pitrix(['--json', ...args], options);
    if (run.code !== 0) throw new Error(`pitrix ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    return JSON.parse(run.stdout) as T;
  };
  const newConfigDir = () => {
    const folder = mkdtempSync(join(tmpdir(), 'pitrix-cli-auth-'));
    folders.push(folder);
    return join(folder, 'pitrix');
  };
  const stored = (folder = configDir) => JSON.parse(readFileSync(join(folder, 'credentials.json'), 'utf8')) as Record<string, { token: string; tokenId: string | null; login: string; savedAt: string }>;

  beforeAll(async () => {
    api = await startApiHarness('cli_auth', { startApi, apiUrl });
  });
  beforeEach(() => {
    configDir = newConfigDir();
  });
  afterAll(async () => {
    await api?.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('login with a password from stdin stores a 90-day cli@<host> token (0600), ends the session; whoami uses the token', async () => {
    const login = await pitrix(['login', '--user', 'admin', '--password-stdin'], { input: `${api.adminPassword}\n` });
    expect(login.stderr).not.toContain('pitrix:');
    expect(login.code).toBe(0);
    expect(login.stdout).toMatch(/^Logged in as admin \(.*admin.*\)$/m);
    expect(login.stdout + login.stderr).not.toContain(api.adminPassword);

    expect(statSync(configDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(configDir, 'credentials.json')).mode & 0o777).toBe(0o600);
    const entry = stored()[api.url]!;
    expect(entry).toMatchObject({ login: 'admin', token: expect.stringMatching(/^pxt_/), tokenId: expect.stringMatching(/^tok-/) });
    expect(login.stdout).not.toContain(entry.token);

    const me = await json<{ user: { login: string; id: string }; authenticatedBy: string; tokenScope: string; roles: string[] }>(['whoami']);
    expect(me).toMatchObject({ user: { login: 'admin' }, authenticatedBy: 'token', tokenScope: 'full' });
    expect(me.roles).toContain('admin');
    const human = await pitrix(['whoami']);
    expect(human.stdout).toMatch(/^login: +admin$/m);
    expect(human.stdout).toContain(`user id:        ${me.user.id}`);
    expect(human.stdout).toMatch(/^owner path: +\S+$/m);
    expect(human.stdout).toMatch(/^authenticated: +token \(full scope\)$/m);

    const tokens = await json<Array<{ id: string; name: string; scope: string; expiresAt: string }>>(['token', 'list']);
    const minted = tokens.find((t) => t.id === entry.tokenId)!;
    expect(minted).toMatchObject({ name: `cli@${hostname()}`, scope: 'full' });
    expect(Math.abs(Date.parse(minted.expiresAt) - Date.now() - 90 * DAY_MS)).toBeLessThan(DAY_MS);
    // The password session that minted the token was ended at once.
    const logouts = await json<{ events: Array<{ actorLogin: string; outcome: string }> }>(['audit', 'list', '--action', 'logout']);
    expect(logouts.events).toContainEqual(expect.objectContaining({ actorLogin: 'admin', outcome: 'success' }));
  });

  it('a wrong password is refused with its code and stores nothing', async () => {
    await api.userWithToken('erin', ['user'], { password: 'erin-password-1234' });
    const refused = await pitrix(['login', '--user', 'erin', '--password-stdin'], { input: 'not-her-password\n' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[AUTH.UNAUTHENTICATED]');
    expect(existsSync(join(configDir, 'credentials.json'))).toBe(false);
    const noUser = await pitrix(['login', '--password-stdin'], { input: 'x\n' });
    expect(noUser.code).toBe(1);
    expect(noUser.stderr).toContain('--user');
  });

  it('token create/list/revoke; a revoked token fails on the next command', async () => {
    const admin = { token: api.adminToken };
    const created = await json<{ token: string; accessToken: { id: string; scope: string; expiresAt: string } }>(['token', 'create', 'ci-bot', '--scope', 'read', '--expires-in-days', '7'], admin);
    expect(created.token).toMatch(/^pxt_/);
    expect(created.accessToken.scope).toBe('read');
    expect(Math.abs(Date.parse(created.accessToken.expiresAt) - Date.now() - 7 * DAY_MS)).toBeLessThan(DAY_MS);

    const human = await pitrix(['token', 'create', 'shown-once'], admin);
    expect(human.code).toBe(0);
    expect(human.stdout.trim()).toMatch(/^pxt_\S+$/);
    expect(human.stderr).toContain('only time the token is shown');

    const listed = await json<Array<{ id: string; name: string; revokedAt: string | null }>>(['token', 'list'], admin);
    expect(listed).toContainEqual(expect.objectContaining({ id: created.accessToken.id, name: 'ci-bot', revokedAt: null }));
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const table = await pitrix(['token', 'list'], admin);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+SCOPE\s+CREATED\s+EXPIRES\s+LAST USED\s+STATE$/);

    expect(await json<{ tokenScope: string }>(['whoami'], { token: created.token })).toMatchObject({ tokenScope: 'read' });
    const readOnly = await pitrix(['token', 'create', 'from-read-token'], { token: created.token });
    expect(readOnly.code).toBe(1);
    expect(readOnly.stderr).toContain('[AUTH.FORBIDDEN]');

    const revoked = await pitrix(['token', 'revoke', created.accessToken.id], admin);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`revoked token ${created.accessToken.id} (ci-bot)`);
    const after = await pitrix(['whoami'], { token: created.token });
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('[AUTH.UNAUTHENTICATED]');
    expect(after.stderr).toContain('PITRIX_TOKEN');
    const relisted = await json<Array<{ id: string; revokedAt: string | null }>>(['token', 'list'], admin);
    expect(relisted.find((t) => t.id === created.accessToken.id)?.revokedAt).not.toBeNull();
  });

  it('logout revokes the stored token and removes it; a token given with --token is only forgotten', async () => {
    expect((await pitrix(['login', '--user', 'admin', '--password-stdin'], { input: api.adminPassword })).code).toBe(0);
    const token = stored()[api.url]!.token;
    const out = await pitrix(['logout']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Logged out admin from ${api.url}`);
    expect(stored()).toEqual({});
    expect(statSync(join(configDir, 'credentials.json')).mode & 0o777).toBe(0o600);

    const anonymous = await pitrix(['whoami']);
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toContain('[AUTH.UNAUTHENTICATED]');
    expect(anonymous.stderr).toContain('pitrix login');
    const old = await pitrix(['whoami'], { token });
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('[AUTH.UNAUTHENTICATED]');
    expect((await pitrix(['logout'])).stdout).toContain('not logged in');

    const frank = await api.userWithToken('frank', ['developer']);
    const given = await pitrix(['login', '--token', '-'], { input: `${frank.token}\n` });
    expect(given.code).toBe(0);
    expect(given.stdout).toMatch(/^Logged in as frank \(developer\)$/m);
    expect(stored()[api.url]).toMatchObject({ login: 'frank', token: frank.token, tokenId: null });
    expect(await json<{ user: { login: string } }>(['whoami'])).toMatchObject({ user: { login: 'frank' } });
    const forgotten = await pitrix(['logout']);
    expect(forgotten.stdout).toContain('forgotten, not revoked');
    expect(await json<{ user: { login: string } }>(['whoami'], { token: frank.token })).toMatchObject({ user: { login: 'frank' } });

    const bad = await pitrix(['login', '--token', 'pxt_not-a-real-token']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('[AUTH.UNAUTHENTICATED]');
    expect(stored()).toEqual({});
  });

  it('a user cannot run the admin commands (AUTH.FORBIDDEN)', async () => {
    const carol = await api.userWithToken('carol', ['user']);
    for (const args of [['user', 'list'], ['group', 'list'], ['audit', 'list'], ['user', 'create', 'mallory', '--role', 'admin']]) {
      const refused = await pitrix(args, { token: carol.token });
      expect(refused.code, args.join(' ')).toBe(1);
      expect(refused.stderr, args.join(' ')).toContain('[AUTH.FORBIDDEN]');
    }
  });

  it('an admin creates a group and a user, adds the user to it, sets its password and disables it', async () => {
    const admin = { token: api.adminToken };
    expect(await json<{ id: string }>(['group', 'create', 'dev-team', '--display-name', 'Dev team'], admin)).toMatchObject({ id: 'grp-dev-team', displayName: 'Dev team' });
    const dave = await json<{ id: string; login: string; primaryGroupId: string; roles: string[] }>(['user', 'create', 'dave', '--role', 'developer', '--group', 'grp-dev-team', '--password-stdin'], { ...admin, input: 'dave-password-1234\n' });
    expect(dave).toMatchObject({ login: 'dave', primaryGroupId: 'grp-dev-team', roles: ['developer'] });
    const group = await json<{ id: string; members: Array<{ userId: string; login: string; role: string }> }>(['group', 'add-member', 'grp-dev-team', dave.id, '--role', 'developer'], admin);
    expect(group.members).toEqual([{ userId: dave.id, login: 'dave', role: 'developer' }]);

    const groups = await json<Array<{ id: string; members: Array<{ login: string }> }>>(['group', 'list'], admin);
    expect(groups.find((g) => g.id === 'grp-dev-team')?.members.map((m) => m.login)).toEqual(['dave']);
    const groupTable = await pitrix(['group', 'list'], admin);
    expect(groupTable.stdout).toMatch(/^grp-dev-team\s+dev-team\s+Dev team\s+dave:developer$/m);
    const users = await json<{ totalCount: number; users: Array<{ id: string; login: string }> }>(['user', 'list'], admin);
    expect(users.users).toContainEqual(expect.objectContaining({ id: dave.id, login: 'dave' }));
    const userTable = await pitrix(['user', 'list'], admin);
    expect(userTable.stdout.split('\n')[0]).toMatch(/^ID\s+LOGIN\s+NAME\s+EMAIL\s+STATUS\s+ROLES\s+GROUP$/);

    const daveConfig = newConfigDir();
    const daveLogin = await pitrix(['login', '--user', 'dave', '--password-stdin'], { input: 'dave-password-1234\n', configDir: daveConfig });
    expect(daveLogin.stdout).toMatch(/^Logged in as dave \(developer\)$/m);
    expect((await pitrix(['user', 'set-password', dave.id, '--password-stdin'], { ...admin, input: 'dave-new-password-5678\n' })).code).toBe(0);
    expect((await pitrix(['login', '--user', 'dave', '--password-stdin'], { input: 'dave-new-password-5678', configDir: newConfigDir() })).code).toBe(0);

    const disabled = await json<{ status: string }>(['user', 'update', dave.id, '--disable'], admin);
    expect(disabled.status).toBe('disabled');
    const refused = await pitrix(['whoami'], { configDir: daveConfig });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[AUTH.UNAUTHENTICATED]');
    expect(await json<{ status: string; roles: string[] }>(['user', 'update', dave.id, '--enable', '--role', 'developer', 'reviewer'], admin)).toMatchObject({ status: 'active', roles: ['developer', 'reviewer'] });
    const nothing = await pitrix(['user', 'update', dave.id], admin);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('nothing to change');

    const removed = await json<{ members: unknown[] }>(['group', 'remove-member', 'grp-dev-team', dave.id], admin);
    expect(removed.members).toEqual([]);
    await json(['group', 'create', 'short-lived'], admin);
    expect((await pitrix(['group', 'delete', 'grp-short-lived'], admin)).stdout).toContain('deleted group grp-short-lived');
    expect((await json<Array<{ id: string }>>(['group', 'list'], admin)).map((g) => g.id)).not.toContain('grp-short-lived');
  });

  it('audit list shows the login', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    expect((await pitrix(['login', '--user', 'admin', '--password-stdin'], { input: api.adminPassword })).code).toBe(0);
    const logins = await json<{ totalCount: number; events: Array<{ action: string; outcome: string; actorLogin: string; sourceAddress: string }> }>(['audit', 'list', '--action', 'login', '--since', since]);
    expect(logins.events).toContainEqual(expect.objectContaining({ action: 'login', outcome: 'success', actorLogin: 'admin' }));
    const tokenEvents = await json<{ events: Array<{ action: string; details: { name?: string } | null }> }>(['audit', 'list', '--action', 'token.create', '--first', '1']);
    expect(tokenEvents.events).toHaveLength(1);
    expect(tokenEvents.events[0]!.details?.name).toBe(`cli@${hostname()}`);
    const table = await pitrix(['audit', 'list', '--action', 'login', '--first', '5']);
    expect(table.stdout.split('\n')[0]).toMatch(/^AT\s+ACTION\s+OUTCOME\s+ACTOR\s+TARGET\s+SOURCE\s+DETAILS$/);
    expect(table.stdout).toMatch(/\slogin\s+success\s+admin\s/);
    const badSince = await pitrix(['audit', 'list', '--since', 'yesterday']);
    expect(badSince.code).toBe(1);
    expect(badSince.stderr).toContain('[INPUT.INVALID]');
  });
});
