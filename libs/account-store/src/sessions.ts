import { PitrixError } from '@pitrix/errors';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SessionEntity } from './entities.js';
import { notifyAccountChanged } from './notify.js';
import { loadPrincipal, sha256 } from './records.js';
import type { Principal } from './types.js';
import type { Users } from './users.js';

/** `last_seen_at` and `last_used_at` are written at most this often. */
export const TOUCH_INTERVAL_MS = 60_000;

/** How long a session lives: without use (`idleMs`) and at most (`maxMs`). */
export interface SessionLifetime {
  readonly idleMs: number;
  readonly maxMs: number;
}

/** Browser sessions: the raw id goes to the client once; only its SHA-256 is stored. */
export class Sessions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: Users,
    private readonly now: () => Date,
    private readonly lifetime: SessionLifetime,
  ) {}

  /** Starts a session for an active user; drops that user's expired sessions on the way. */
  async create(userId: string): Promise<{ sessionId: string; expiresAt: Date }> {
    const user = await this.users.row(userId);
    if (user.status !== 'active') throw new PitrixError('AUTH.UNAUTHENTICATED', `User ${userId} is disabled`);
    const sessionId = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.lifetime.maxMs);
    await this.dataSource.query(`DELETE FROM account.sessions WHERE user_id = $1 AND (expires_at <= $2 OR last_seen_at <= $3)`, [
      userId,
      now,
      new Date(now.getTime() - this.lifetime.idleMs),
    ]);
    await this.dataSource.manager.insert(SessionEntity, { tokenHash: sha256(sessionId), userId, createdAt: now, lastSeenAt: now, expiresAt });
    return { sessionId, expiresAt };
  }

  /** The principal of a live session of an active user, else `undefined` (an expired session is deleted). */
  async principal(sessionId: string): Promise<Principal | undefined> {
    const tokenHash = sha256(sessionId);
    const session = await this.dataSource.manager.findOneBy(SessionEntity, { tokenHash });
    if (!session) return undefined;
    const now = this.now().getTime();
    if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + this.lifetime.idleMs <= now) {
      await this.dataSource.manager.delete(SessionEntity, { tokenHash });
      return undefined;
    }
    const principal = await loadPrincipal(this.dataSource.manager, session.userId, { activeOnly: true });
    if (principal && now - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.dataSource.manager.update(SessionEntity, { tokenHash }, { lastSeenAt: new Date(now) });
    }
    return principal;
  }

  /** Ends a session; ending an unknown or ended one is not an error. */
  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(`DELETE FROM account.sessions WHERE token_hash = $1 RETURNING user_id`, [sha256(sessionId)])) as [Array<{ user_id: string }>, number];
      const userId = rows[0]?.user_id;
      if (userId !== undefined) await notifyAccountChanged(manager, { kind: 'session_revoked', userId });
    });
  }
}
