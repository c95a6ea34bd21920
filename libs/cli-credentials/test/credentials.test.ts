import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configDir, CredentialStore, endpointKey, type StoredCredential } from '../src/index.js';

const ENDPOINT = 'http://127.0.0.1:4000/graphql';
const credential = (token: string, login = 'admin'): StoredCredential => ({ token, tokenId: 'tok-1', login, savedAt: '2025-01-01T00:00:00.000Z' });
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the credentials store', () => {
  let root: string;
  let folder: string;
  let store: CredentialStore;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'pitrix-cli-credentials-'));
    folder = join(root, 'config', 'pitrix');
    store = new CredentialStore({ PITRIX_CONFIG_DIR: folder });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the folder 0700 and the file 0600, and leaves no temporary file', () => {
    store.save(ENDPOINT, credential('pxt_one'));
    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(store.path)).toBe(0o600);
    expect(readdirSync(folder)).toEqual(['credentials.json']);
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({ [ENDPOINT]: credential('pxt_one') });
  });

  it('rewrites a file (and folder) that had a looser mode as 0600 (0700), keeping the other endpoints', () => {
    mkdirSync(folder, { recursive: true, mode: 0o755 });
    chmodSync(folder, 0o755);
    writeFileSync(store.path, JSON.stringify({ 'http://other:4000/graphql': credential('pxt_other', 'bob') }), { mode: 0o644 });
    chmodSync(store.path, 0o644);
    store.save(ENDPOINT, credential('pxt_one'));
    expect(modeOf(store.path)).toBe(0o600);
    expect(modeOf(folder)).toBe(0o700);
    expect(Object.keys(store.readAll()).sort()).toEqual([ENDPOINT, 'http://other:4000/graphql']);
  });

  it('keys credentials by endpoint, normalised, and removes only the one asked for', () => {
    store.save(ENDPOINT, credential('pxt_local'));
    store.save('https://pitrix.example.com/graphql', credential('pxt_prod', 'ops'));
    expect(store.get('http://127.0.0.1:4000/graphql/')?.token).toBe('pxt_local');
    expect(store.get('https://PITRIX.example.com/graphql')?.token).toBe('pxt_prod');
    expect(store.get('http://127.0.0.1:4001/graphql')).toBeUndefined();
    expect(store.remove(ENDPOINT)?.login).toBe('admin');
    expect(store.remove(ENDPOINT)).toBeUndefined();
    expect(store.get('https://pitrix.example.com/graphql')?.login).toBe('ops');
    expect(modeOf(store.path)).toBe(0o600);
  });

  it('PITRIX_TOKEN overrides the stored token; an empty one does not', () => {
    store.save(ENDPOINT, credential('pxt_stored'));
    expect(store.tokenFor(ENDPOINT)).toEqual({ token: 'pxt_stored', source: 'stored' });
    expect(new CredentialStore({ PITRIX_CONFIG_DIR: folder, PITRIX_TOKEN: 'pxt_env' }).tokenFor(ENDPOINT)).toEqual({ token: 'pxt_env', source: 'env' });
    expect(new CredentialStore({ PITRIX_CONFIG_DIR: folder, PITRIX_TOKEN: '' }).tokenFor(ENDPOINT)).toEqual({ token: 'pxt_stored', source: 'stored' });
    expect(new CredentialStore({ PITRIX_CONFIG_DIR: join(root, 'empty') }).tokenFor(ENDPOINT)).toBeUndefined();
  });

  it('PITRIX_TOKEN works without reading a broken credentials file', () => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(store.path, '{ not json');
    expect(new CredentialStore({ PITRIX_CONFIG_DIR: folder, PITRIX_TOKEN: 'pxt_env' }).tokenFor(ENDPOINT)?.token).toBe('pxt_env');
    expect(() => store.tokenFor(ENDPOINT)).toThrow(expect.objectContaining({ code: 'CONFIG.INVALID' }));
    expect(store.peek(ENDPOINT)).toBeUndefined();
  });

  it('finds its folder from PITRIX_CONFIG_DIR, XDG_CONFIG_HOME or ~/.config', () => {
    expect(configDir({ PITRIX_CONFIG_DIR: '/srv/p', XDG_CONFIG_HOME: '/x' })).toBe('/srv/p');
    expect(configDir({ XDG_CONFIG_HOME: '/x' })).toBe('/x/pitrix');
    expect(configDir({})).toBe(join(homedir(), '.config', 'pitrix'));
    expect(new CredentialStore({ XDG_CONFIG_HOME: '/x' }).path).toBe('/x/pitrix/credentials.json');
  });

  it('normalises endpoint keys', () => {
    expect(endpointKey('http://LOCALHOST:4000/graphql/')).toBe('http://localhost:4000/graphql');
    expect(endpointKey('not a url')).toBe('not a url');
  });
});
