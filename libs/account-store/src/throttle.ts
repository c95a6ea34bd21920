import type { DataSource, EntityManager } from 'typeorm';

interface ThrottleRow {
  key: string;
  failures: number;
}

/** Longest wait a throttled key can be given. */
export const MAX_BACKOFF_SECONDS = 15 * 60;

/**
 * Seconds a key stays blocked after its `failures`-th failure in a row: none within the free
 * attempts, then 1, 2, 4… seconds, at most 15 minutes.
 */
export function backoffSeconds(failures: number, freeAttempts: number): number {
  if (failures < freeAttempts) return 0;
  return Math.min(2 ** Math.min(failures - freeAttempts, 20), MAX_BACKOFF_SECONDS);
}

/**
 * Consecutive login failures per key (`login:<login>`, `ip:<address>`). An attempt is charged as
 * a failure before its password is checked, atomically with the check that the key is not
 * blocked, so concurrent guesses cannot slip past the limit; a success then resets the keys.
 */
export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly freeAttempts: number,
  ) {}

  /**
   * Refuses the attempt (returns the seconds to wait) when any key is blocked at `now`; otherwise
   * counts one more failure on every key and returns `undefined`.
   */
  async charge(keys: readonly string[], now: Date): Promise<number | undefined> {
    const sorted = [...new Set(keys)].sort();
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT blocked_until FROM account.login_throttle WHERE key = ANY ($1) ORDER BY key FOR UPDATE`,
        [sorted],
      )) as Array<{ blocked_until: Date | null }>;
      const until = Math.max(0, ...rows.map((row) => row.blocked_until?.getTime() ?? 0));
      if (until > now.getTime()) return Math.ceil((until - now.getTime()) / 1000);
      const charged = (await manager.query(
        `INSERT INTO account.login_throttle AS t (key, failures, last_failure_at) SELECT key, 1, $2 FROM unnest($1::text[]) AS key
         ON CONFLICT (key) DO UPDATE SET failures = t.failures + 1, last_failure_at = excluded.last_failure_at
         RETURNING key, failures`,
        [sorted, now],
      )) as ThrottleRow[];
      await this.block(manager, charged, now);
      return undefined;
    });
  }

  /**
   * Confirms that a charged attempt failed at `now`, so the back-off runs from the moment the
   * answer was given rather than from when the (slow) password check started.
   */
  async failed(keys: readonly string[], now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(`SELECT key, failures FROM account.login_throttle WHERE key = ANY ($1) ORDER BY key FOR UPDATE`, [[...keys]])) as ThrottleRow[];
      await this.block(manager, rows, now);
    });
  }

  private async block(manager: EntityManager, rows: readonly ThrottleRow[], now: Date): Promise<void> {
    for (const row of rows) {
      const seconds = backoffSeconds(row.failures, this.freeAttempts);
      if (seconds > 0) await manager.query(`UPDATE account.login_throttle SET blocked_until = $2 WHERE key = $1`, [row.key, new Date(now.getTime() + seconds * 1000)]);
    }
  }

  /** Forgets the failures of `keys` (after a successful login). */
  async reset(keys: readonly string[]): Promise<void> {
    await this.dataSource.query(`DELETE FROM account.login_throttle WHERE key = ANY ($1)`, [[...keys]]);
  }
}
