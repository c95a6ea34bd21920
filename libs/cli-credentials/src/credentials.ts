import { PitrixError } from '@pitrix/errors';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What `pitrix login` keeps for one API: the token and whose it is. */
export interface StoredCredential {
  readonly token: string;
  /** The token's id, to revoke it at logout; null for a token given with `--token` (not ours to revoke). */
  readonly tokenId: string | null;
  readonly login: string;
  readonly savedAt: string;
}

/** The token a command sends, and where it came from (to say what to do when it is refused). */
export interface TokenChoice {
  readonly token: string;
  readonly source: 'env' | 'stored';
}

const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

/** The folder of the CLI's settings: PITRIX_CONFIG_DIR, else `$XDG_CONFIG_HOME/pitrix`, else `~/.config/pitrix`. */
export function configDir(env: NodeJS.ProcessEnv): string {
  if (env.PITRIX_CONFIG_DIR) return env.PITRIX_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'pitrix');
}

/** The key of an endpoint in the file: the GraphQL URL, normalised (case of the host, trailing slash). */
export function endpointKey(endpoint: string): string {
  let href = endpoint;
  try {
    href = new URL(endpoint).href;
  } catch {
    // Not a URL: kept as given (the request to it will say what is wrong).
  }
  return href.replace(/\/+$/, '');
}

/**
 * The credentials file, `credentials.json` in the config folder: a map from API endpoint to its
 * stored credential. Only its owner may read it (folder 0700, file 0600), and it is replaced
 * atomically so a crash never leaves half a file.
 */
export class CredentialStore {
  readonly folder: string;
  readonly path: string;

  constructor(private readonly env: NodeJS.ProcessEnv) {
    this.folder = configDir(env);
    this.path = join(this.folder, 'credentials.json');
  }

  /** The token to send to this endpoint: PITRIX_TOKEN when set (automation), else the stored one. */
  tokenFor(endpoint: string): TokenChoice | undefined {
    const fromEnv = this.env.PITRIX_TOKEN?.trim();
    if (fromEnv) return { token: fromEnv, source: 'env' };
    const stored = this.get(endpoint);
    return stored ? { token: stored.token, source: 'stored' } : undefined;
  }

  /** The credential stored for this endpoint. */
  get(endpoint: string): StoredCredential | undefined {
    return this.readAll()[endpointKey(endpoint)];
  }

  /** Like get, but an unreadable file is no error (for remarks that must not fail a command). */
  peek(endpoint: string): StoredCredential | undefined {
    try {
      return this.get(endpoint);
    } catch {
      return undefined;
    }
  }

  /** Stores (or replaces) the credential of this endpoint. */
  save(endpoint: string, credential: StoredCredential): void {
    const all = this.readAll();
    all[endpointKey(endpoint)] = credential;
    this.writeAll(all);
  }

  /** Forgets the credential of this endpoint; returns what was stored. */
  remove(endpoint: string): StoredCredential | undefined {
    const all = this.readAll();
    const key = endpointKey(endpoint);
    const removed = all[key];
    if (removed === undefined) return undefined;
    delete all[key];
    this.writeAll(all);
    return removed;
  }

  /** Every stored credential by endpoint (an absent file holds none). */
  readAll(): Record<string, StoredCredential> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new PitrixError('CONFIG.INVALID', `cannot read ${this.path}: ${(err as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new PitrixError('CONFIG.INVALID', `${this.path} is not valid JSON (${(err as Error).message}); delete it and run pitrix login again`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new PitrixError('CONFIG.INVALID', `${this.path}: expected a JSON object of endpoints; delete it and run pitrix login again`);
    }
    const all: Record<string, StoredCredential> = {};
    for (const [endpoint, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (isStoredCredential(value)) all[endpoint] = value;
    }
    return all;
  }

  private writeAll(all: Record<string, StoredCredential>): void {
    mkdirSync(this.folder, { recursive: true, mode: FOLDER_MODE });
    // An existing folder keeps its mode through mkdir: make sure only its owner can enter it.
    if ((statSync(this.folder).mode & 0o077) !== 0) chmodSync(this.folder, FOLDER_MODE);
    const temp = join(this.folder, `.credentials.json.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      writeFileSync(temp, `${JSON.stringify(all, null, 2)}\n`, { mode: FILE_MODE, flag: 'wx' });
      chmodSync(temp, FILE_MODE);
      renameSync(temp, this.path);
    } catch (err) {
      rmSync(temp, { force: true });
      throw new PitrixError('CONFIG.INVALID', `cannot write ${this.path}: ${(err as Error).message}`);
    }
    chmodSync(this.path, FILE_MODE);
  }
}

function isStoredCredential(value: unknown): value is StoredCredential {
  const v = value as Partial<StoredCredential> | null;
  return typeof v === 'object' && v !== null && typeof v.token === 'string' && typeof v.login === 'string';
}
