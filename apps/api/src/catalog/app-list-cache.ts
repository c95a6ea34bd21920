import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CATALOG_APPS_CHANNEL, type AppEntity } from '@pitrix/catalog-store';
import type { ApiConfig } from '@pitrix/config';
import { ChangeListener } from '../clients/change-listener.js';
import { API_CONFIG } from '../clients/tokens.js';
import type { Connection } from '../graphql/pagination.js';

/**
 * Longest a cached page of `apps` is served. Changes clear the cache before that (see below);
 * the bound covers the moment between a commit elsewhere and its notification arriving.
 */
export const APP_LIST_TTL_MS = 1000;

/** Most pages (and, apart, responses) kept: distinct callers × filters × cursors; the oldest go first. */
const MAX_PAGES = 2000;

interface CachedPage {
  readonly expiresAt: number;
  readonly page: Promise<Connection<AppEntity>>;
}

interface CachedResponse {
  readonly expiresAt: number;
  readonly body: Buffer;
}

/**
 * A response being computed (see `startResponse`). Settle it exactly once: with the body to store
 * and hand to the requests waiting for it, or with undefined when it is not storable.
 */
export interface ResponseTicket {
  settle(body: Buffer | undefined): void;
}

/**
 * Pages of `apps` recently read, by caller visibility, filter, sort and cursor; concurrent reads
 * of one page share a single query. Beside them, whole HTTP responses of app-list queries
 * (AppListResponses), which skip GraphQL execution altogether. The cache is cleared when a catalog mutation of this process
 * ends (CatalogWritesInterceptor: a caller sees its own writes at once) and on every notification
 * of `catalog_apps_changed` (a trigger sends one after each committed change to apps or repos, by
 * any process: the worker's indexer, another API replica). Pages are cached only while that
 * notification connection is up; without it every read goes to the database.
 */
@Injectable()
export class AppListCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pages = new Map<string, CachedPage>();
  private readonly responses = new Map<string, CachedResponse>();
  /** Responses being computed since the last change; requests for the same key wait for them. */
  private readonly pendingResponses = new Map<string, Promise<Buffer | undefined>>();
  /** Counts clears, so a response computed across a change is not stored. */
  private generation = 0;
  private readonly changes: ChangeListener;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    this.changes = new ChangeListener({
      databaseUrl: config.database.url,
      channel: CATALOG_APPS_CHANNEL,
      applicationName: 'pitrix-api-app-list',
      what: 'the app list change listener',
      onChange: () => this.clear(),
      onLost: () => this.clear(),
    });
  }

  private get listening(): boolean {
    return this.changes.listening;
  }

  private connect(): Promise<void> {
    return this.changes.ensure();
  }

  /** The cached page for `key`, or the one `load` reads (and caches unless it fails). */
  read(key: string, load: () => Promise<Connection<AppEntity>>): Promise<Connection<AppEntity>> {
    if (!this.config.api.appListCache) return load();
    if (!this.listening) {
      void this.connect().catch(() => undefined);
      return load();
    }
    const now = Date.now();
    const cached = this.pages.get(key);
    if (cached && cached.expiresAt > now) return cached.page;
    if (cached) this.pages.delete(key);
    // Stored before the read starts, so a change notified while it runs clears it too.
    const entry: CachedPage = { expiresAt: now + APP_LIST_TTL_MS, page: load() };
    entry.page.catch(() => {
      if (this.pages.get(key) === entry) this.pages.delete(key);
    });
    this.pages.set(key, entry);
    if (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value as string);
    return entry.page;
  }

  /** A stored response body for `key` that has not expired. */
  response(key: string): Buffer | undefined {
    const cached = this.responses.get(key);
    if (!cached) return undefined;
    if (cached.expiresAt > Date.now()) return cached.body;
    this.responses.delete(key);
    return undefined;
  }

  /**
   * The response for `key` another request is computing since the last change, if any: it
   * resolves with its body, or undefined when that one turned out not storable.
   */
  pendingResponse(key: string): Promise<Buffer | undefined> | undefined {
    return this.pendingResponses.get(key);
  }

  /**
   * Called before a response for `key` is computed; undefined when responses are not being cached
   * (turned off, or the change listener is not up). Until the ticket is settled, requests for the
   * same key wait for it instead of computing the response again.
   */
  startResponse(key: string): ResponseTicket | undefined {
    if (!this.config.api.appListCache) return undefined;
    if (!this.listening) {
      void this.connect().catch(() => undefined);
      return undefined;
    }
    const generation = this.generation;
    let resolve!: (body: Buffer | undefined) => void;
    const pending = new Promise<Buffer | undefined>((done) => (resolve = done));
    this.pendingResponses.set(key, pending);
    let settled = false;
    return {
      settle: (body) => {
        if (settled) return;
        settled = true;
        if (this.pendingResponses.get(key) === pending) this.pendingResponses.delete(key);
        // A response computed across a change is handed to the requests that waited with it (they
        // began before the change too) but not stored for later ones.
        if (body && generation === this.generation && this.listening) {
          this.responses.set(key, { expiresAt: Date.now() + APP_LIST_TTL_MS, body });
          if (this.responses.size > MAX_PAGES) this.responses.delete(this.responses.keys().next().value as string);
        }
        resolve(body);
      },
    };
  }

  /** Forgets every page and response: the catalog changed. */
  clear(): void {
    this.generation++;
    this.pages.clear();
    this.responses.clear();
    this.pendingResponses.clear();
  }

  /** Starts listening at once, so the first reads can already be cached (a failure is retried on a later read). */
  onApplicationBootstrap(): void {
    if (this.config.api.appListCache) void this.connect().catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.changes.close();
  }
}
