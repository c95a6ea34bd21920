import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { AccountStore, Principal } from '@pitrix/account-store';
import type { ApiConfig } from '@pitrix/config';
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isUnder, type Caller } from '../access/index.js';
import { API_CONFIG } from '../clients/tokens.js';
import { ACCOUNT_STORE } from './account-store.provider.js';
import { CallerCache } from './caller-cache.js';
import { presentedCredential, type PresentedCredential } from './credentials.js';

/** What a request's caller resolved to: a caller, nobody (bad or no credential), or not yet known. */
export type CachedResolution = { readonly known: true; readonly caller: Caller | undefined } | { readonly known: false };

/**
 * Resolves the caller of every request, HTTP and WebSocket alike, from its session cookie or its
 * access token, through an in-memory cache that account changes empty (see CallerCache).
 */
@Injectable()
export class Authenticator implements OnModuleDestroy {
  private readonly cache: CallerCache;

  constructor(
    @Inject(ACCOUNT_STORE) private readonly accounts: AccountStore,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.cache = new CallerCache(config.database.url);
  }

  /** The caller of a request with these headers, or undefined when it presents no valid credential. */
  async fromHeaders(headers: IncomingHttpHeaders | Record<string, unknown>): Promise<Caller | undefined> {
    const credential = presentedCredential(headers);
    return credential ? this.resolve(credential) : undefined;
  }

  /** The caller of a request if the cache already knows its credential (no I/O): the fast path's question. */
  cachedFromHeaders(headers: IncomingHttpHeaders): CachedResolution {
    const credential = presentedCredential(headers);
    const entry = credential ? this.cache.get(cacheKey(credential)) : undefined;
    if (!credential) return { known: true, caller: undefined };
    return entry ? { known: true, caller: entry.caller } : { known: false };
  }

  /** The caller a presented credential stands for, from the cache or the account store. */
  async resolve(credential: PresentedCredential): Promise<Caller | undefined> {
    const key = cacheKey(credential);
    const entry = this.cache.get(key);
    if (entry) return entry.caller;
    const mark = this.cache.mark();
    const caller = credential.kind === 'token' ? await this.fromToken(credential.value) : await this.fromSession(credential.value);
    this.cache.set(key, caller, mark);
    return caller;
  }

  /** Drops what the cache knows of a session (it was just ended here). */
  forgetSession(sessionId: string): void {
    this.cache.forget(cacheKey({ kind: 'session', value: sessionId }));
  }

  async start(): Promise<void> {
    await this.cache.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.cache.close();
  }

  private async fromToken(raw: string): Promise<Caller | undefined> {
    const found = await this.accounts.tokenPrincipal(raw);
    return found ? callerOf(found.principal, { scope: found.scope, authenticatedBy: 'token', tokenId: found.tokenId, expiresAt: found.expiresAt ?? undefined }) : undefined;
  }

  private async fromSession(raw: string): Promise<Caller | undefined> {
    const principal = await this.accounts.sessionPrincipal(raw);
    return principal ? callerOf(principal, { scope: 'full', authenticatedBy: 'session' }) : undefined;
  }
}

/** The caller an account principal acts as: it sees its own path and its groups'. */
export function callerOf(principal: Principal, how: Pick<Caller, 'scope' | 'authenticatedBy' | 'tokenId' | 'expiresAt'>): Caller {
  return {
    userId: principal.userId,
    login: principal.login,
    roles: principal.roles,
    ownerPath: principal.ownerPath,
    visiblePaths: widest([principal.ownerPath, ...principal.groupIds]),
    ...how,
  };
}

/** The paths not already covered by another of them (a member's own path lies under its group's). */
function widest(paths: readonly string[]): string[] {
  const unique = [...new Set(paths)];
  return unique.filter((path) => !unique.some((other) => other !== path && isUnder(path, other)));
}

// Credentials are hashed before they key the cache, so no raw secret lives in a long-lived map.
function cacheKey(credential: PresentedCredential): string {
  return `${credential.kind}:${createHash('sha256').update(credential.value).digest('base64url')}`;
}
