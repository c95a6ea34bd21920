import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role, TokenScope } from './types.js';

/** A user row. `passwordHash` never leaves the store (see `toUserRecord`). */
@Entity({ schema: 'account', name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  login!: string;

  @Column({ type: 'text', name: 'display_name' })
  displayName!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text' })
  status!: 'active' | 'disabled';

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ type: 'text', name: 'primary_group_id', nullable: true })
  primaryGroupId!: string | null;

  @Column({ type: 'text', name: 'password_hash', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'text', name: 'oidc_issuer', nullable: true })
  oidcIssuer!: string | null;

  @Column({ type: 'text', name: 'oidc_subject', nullable: true })
  oidcSubject!: string | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}

/** A group row; `id` is `grp-<name>`. */
@Entity({ schema: 'account', name: 'groups' })
export class GroupEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', name: 'display_name' })
  displayName!: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}

/** A user's membership of a group, with the role it holds there. */
@Entity({ schema: 'account', name: 'memberships' })
export class MembershipEntity {
  @PrimaryColumn({ type: 'text', name: 'group_id' })
  groupId!: string;

  @PrimaryColumn({ type: 'text', name: 'user_id' })
  userId!: string;

  @Column({ type: 'text' })
  role!: Role;
}

/** A browser session, keyed by the SHA-256 of its id. */
@Entity({ schema: 'account', name: 'sessions' })
export class SessionEntity {
  @PrimaryColumn({ type: 'text', name: 'token_hash' })
  tokenHash!: string;

  @Column({ type: 'text', name: 'user_id' })
  userId!: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'last_seen_at' })
  lastSeenAt!: Date;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt!: Date;
}

/** A personal access token, found by the SHA-256 of the raw token. */
@Entity({ schema: 'account', name: 'tokens' })
export class TokenEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text', name: 'user_id' })
  userId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', name: 'token_hash' })
  tokenHash!: string;

  @Column({ type: 'text' })
  scope!: TokenScope;

  @Column({ type: 'timestamptz', name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}

/** Consecutive login failures on one key (`login:<login>` or `ip:<address>`). */
@Entity({ schema: 'account', name: 'login_throttle' })
export class LoginThrottleEntity {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'integer' })
  failures!: number;

  @Column({ type: 'timestamptz', name: 'last_failure_at' })
  lastFailureAt!: Date;

  @Column({ type: 'timestamptz', name: 'blocked_until', nullable: true })
  blockedUntil!: Date | null;
}

/** One security event; `details` never holds a secret. */
@Entity({ schema: 'account', name: 'security_events' })
export class SecurityEventEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  outcome!: 'success' | 'failure';

  @Column({ type: 'text', name: 'actor_id', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text', name: 'actor_login', nullable: true })
  actorLogin!: string | null;

  @Column({ type: 'text', nullable: true })
  target!: string | null;

  @Column({ type: 'text', name: 'source_address', nullable: true })
  sourceAddress!: string | null;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;
}
