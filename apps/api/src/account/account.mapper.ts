import type { GroupRecord, SecurityEventRecord, TokenRecord, UserRecord } from '@pitrix/account-store';
import { encodeCursor, type Connection } from '../graphql/pagination.js';
import type { AccessToken, SecurityEvent, User } from './models/account.model.js';

export function toUser(record: UserRecord): User {
  return {
    id: record.id,
    login: record.login,
    displayName: record.displayName,
    email: record.email ?? null,
    status: record.status,
    roles: [...record.roles],
    primaryGroupId: record.primaryGroupId ?? null,
    createdAt: record.createdAt,
  };
}

export function toAccessToken(record: TokenRecord): AccessToken {
  return {
    id: record.id,
    name: record.name,
    scope: record.scope,
    expiresAt: record.expiresAt ?? null,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt ?? null,
    revokedAt: record.revokedAt ?? null,
  };
}

export function toSecurityEvent(record: SecurityEventRecord): SecurityEvent {
  return {
    id: record.id,
    at: record.at,
    action: record.action,
    outcome: record.outcome,
    actorId: record.actorId ?? null,
    actorLogin: record.actorLogin ?? null,
    target: record.target ?? null,
    sourceAddress: record.sourceAddress ?? null,
    details: record.details ?? null,
  };
}

/** A page of store items as a connection; the cursor is the item id the store pages after. */
export function pageOf<A extends { id: string }, B>(page: { items: readonly A[]; totalCount: number }, first: number, map: (item: A) => B, hasMore: boolean): Connection<B> {
  const edges = page.items.slice(0, first).map((item) => ({ cursor: encodeCursor({ sort: item.id, id: item.id }), node: map(item) }));
  return { edges, totalCount: page.totalCount, pageInfo: { hasNextPage: hasMore, endCursor: edges.at(-1)?.cursor ?? null } };
}

export type { GroupRecord };
