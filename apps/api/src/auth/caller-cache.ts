import { ACCOUNT_CHANGED_CHANNEL } from '@pitrix/account-store';
import type { Caller } from '../access/index.js';
import { ChangeListener } from '../clients/change-listener.js';

/** How long a resolved credential is trusted without a change notification (a safety net). */
const ENTRY_TTL_MS = 60_000;
/** Bound on remembered credentials; beyond it the oldest are forgotten. */
const MAX_ENTRIES = 50_000;

interface Entry {
  readonly caller: Caller | undefined;
  readonly until: number;
}

/**
 * Callers resolved from tokens and sessions, kept in memory so that authenticating a request
 * costs a map lookup. Any change to accounts (a token revoked, a user disabled, a role or
 * membership changed) arrives as a NOTIFY on `account_changed` in the transaction that made it,
 * and empties the cache: the next request with a revoked token is refused. Nothing is cached
 * while the LISTEN connection is down.
 */
export class CallerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly changes: ChangeListener;
  /** Counts clears, so that a caller read from the database across a change is not cached. */
  private clears = 0;

  constructor(databaseUrl: string) {
    this.changes = new ChangeListener({
      databaseUrl,
      channel: ACCOUNT_CHANGED_CHANNEL,
      applicationName: 'pitrix-api-accounts',
      what: 'the account change listener',
      onChange: () => this.clear(),
      onLost: () => this.clear(),
    });
  }

  /** The cached caller for a credential (undefined inside means "known to be invalid"). */
  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** A mark to take before reading a credential from the database, for `set`. */
  mark(): number {
    return this.clears;
  }

  /**
   * Remembers what a credential resolved to, if change notifications are being received and no
   * change arrived since `mark` (the read may predate a revocation).
   */
  set(key: string, caller: Caller | undefined, mark: number): void {
    if (mark !== this.clears) return;
    if (!this.changes.listening) {
      void this.changes.ensure().catch(() => undefined);
      return;
    }
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    const until = Math.min(Date.now() + ENTRY_TTL_MS, caller?.expiresAt?.getTime() ?? Infinity);
    this.entries.set(key, { caller, until });
  }

  private clear(): void {
    this.clears++;
    this.entries.clear();
  }

  /** Forgets one credential (its session ended here). */
  forget(key: string): void {
    this.entries.delete(key);
  }

  /** Starts listening for account changes (so that callers may be cached). */
  start(): Promise<void> {
    return this.changes.ensure();
  }

  close(): Promise<void> {
    return this.changes.close();
  }
}
