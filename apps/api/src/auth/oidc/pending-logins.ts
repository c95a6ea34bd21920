/** A login started with `OidcLogin.begin` and not yet completed: what the callback must match. */
export interface PendingOidcLogin {
  /** The `state` sent to the provider; the key of the pending login. */
  readonly state: string;
  /** The `nonce` the ID token must carry. */
  readonly nonce: string;
  /** The PKCE code verifier (only its S256 challenge went to the provider). */
  readonly codeVerifier: string;
  /** Relative path (`/…`) the browser goes to after signing in. */
  readonly returnTo: string;
  /** When the login started, in epoch milliseconds. */
  readonly createdAt: number;
  /** Opaque data the caller attached at `begin` (e.g. a CLI loopback port), handed back by `complete`. */
  readonly purpose?: Record<string, unknown>;
}

/** Options of a pending-login store. */
export interface PendingOidcLoginsOptions {
  /** How long a login may take from start to callback (default 10 minutes). */
  readonly ttlMs?: number;
  /** Most logins kept at once; beyond it the oldest are dropped (default 10 000). */
  readonly maxEntries?: number;
  /** Clock in epoch milliseconds (tests). */
  readonly now?: () => number;
}

/**
 * In-memory store of pending logins, keyed by state. Each entry is taken once; expired entries
 * are swept on every insert, and when the store is full the oldest entry makes room (a flood of
 * started logins can then drop a real one, which the person restarts; memory stays bounded).
 * One API process serves a login from start to callback.
 */
export class PendingOidcLogins {
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly now: () => number;
  // Insertion order is start order, so expired entries are at the front.
  private readonly entries = new Map<string, PendingOidcLogin>();

  constructor(options: PendingOidcLoginsOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Number of logins held (expired ones included until the next sweep). */
  get size(): number {
    return this.entries.size;
  }

  add(login: PendingOidcLogin): void {
    this.sweep();
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(login.state, login);
  }

  /** Removes and returns the login with this state; undefined when unknown, already taken or expired. */
  take(state: string): PendingOidcLogin | undefined {
    const login = this.entries.get(state);
    if (login === undefined) return undefined;
    this.entries.delete(state);
    return this.expired(login) ? undefined : login;
  }

  /** Drops every expired login. */
  sweep(): void {
    for (const [state, login] of this.entries) {
      if (!this.expired(login)) break;
      this.entries.delete(state);
    }
  }

  private expired(login: PendingOidcLogin): boolean {
    return this.now() - login.createdAt >= this.ttlMs;
  }
}
