import { PitrixError } from '@pitrix/errors';
import { isId, newId } from '@pitrix/ids';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TokenEntity } from './entities.js';
import { notifyAccountChanged } from './notify.js';
import { loadPrincipal, sha256, toTokenRecord } from './records.js';
import { TOUCH_INTERVAL_MS } from './sessions.js';
import type { TokenPrincipal, TokenRecord, TokenScope } from './types.js';
import type { Users } from './users.js';
import { assertValid, checkText } from './validation.js';

/** Every raw personal access token starts with this, so scanners can spot leaked ones. */
export const TOKEN_PREFIX = 'pxt_';

/** A token to create; `expiresAt: null` never expires. */
export interface NewToken {
  readonly name: string;
  readonly scope: TokenScope;
  readonly expiresAt: Date | null;
}

/** Personal access tokens: the raw token is returned once; only its SHA-256 is stored. */
export class Tokens {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: Users,
    private readonly now: () => Date,
  ) {}

  async create(userId: string, input: NewToken): Promise<{ token: string; record: TokenRecord }> {
    const now = this.now();
    assertValid('token', [
      checkText(input.name, 'name'),
      input.scope === 'read' || input.scope === 'full' ? undefined : { path: 'scope', message: 'must be read or full', expected: 'read | full', found: input.scope },
      input.expiresAt === null || input.expiresAt.getTime() > now.getTime() ? undefined : { path: 'expiresAt', message: 'must be in the future or null (never)', found: input.expiresAt },
    ]);
    await this.users.row(userId);
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = Object.assign(new TokenEntity(), {
      id: newId('token'),
      userId,
      name: input.name,
      tokenHash: sha256(token),
      scope: input.scope,
      expiresAt: input.expiresAt,
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.dataSource.manager.insert(TokenEntity, row);
    return { token, record: toTokenRecord(row) };
  }

  /** A user's tokens, newest first, revoked and expired ones included. */
  async list(userId: string): Promise<TokenRecord[]> {
    const rows = await this.dataSource.manager.find(TokenEntity, { where: { userId }, order: { createdAt: 'DESC', id: 'DESC' } });
    return rows.map(toTokenRecord);
  }

  /** Revokes a token (again: no change); with `byUserId`, only a token of that user, else `ACCOUNT.TOKEN_NOT_FOUND`. */
  async revoke(tokenId: string, byUserId?: string): Promise<TokenRecord> {
    return this.dataSource.transaction(async (manager) => {
      const row = isId('token', tokenId) ? await manager.findOne(TokenEntity, { where: { id: tokenId }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!row || (byUserId !== undefined && row.userId !== byUserId)) throw new PitrixError('ACCOUNT.TOKEN_NOT_FOUND', `Token ${tokenId} does not exist`);
      if (row.revokedAt === null) {
        row.revokedAt = this.now();
        await manager.update(TokenEntity, { id: row.id }, { revokedAt: row.revokedAt });
        await notifyAccountChanged(manager, { kind: 'token_revoked', userId: row.userId, tokenId: row.id });
      }
      return toTokenRecord(row);
    });
  }

  /** Who a raw token acts as, or `undefined` when it is unknown, revoked, expired or its user is disabled. */
  async principal(rawToken: string): Promise<TokenPrincipal | undefined> {
    if (!rawToken.startsWith(TOKEN_PREFIX)) return undefined;
    const row = await this.dataSource.manager.findOneBy(TokenEntity, { tokenHash: sha256(rawToken) });
    const now = this.now().getTime();
    if (!row || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt.getTime() <= now)) return undefined;
    const principal = await loadPrincipal(this.dataSource.manager, row.userId, { activeOnly: true });
    if (!principal) return undefined;
    if (row.lastUsedAt === null || now - row.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.dataSource.manager.update(TokenEntity, { id: row.id }, { lastUsedAt: new Date(now) });
    }
    return { principal, scope: row.scope, tokenId: row.id, expiresAt: row.expiresAt };
  }
}
