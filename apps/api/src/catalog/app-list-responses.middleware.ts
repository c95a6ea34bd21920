import { Injectable, type NestMiddleware } from '@nestjs/common';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { callerFromHeaders } from '../auth/caller.js';
import { AppListCache } from './app-list-cache.js';

/** Root fields whose whole answer is cleared with the app-list cache (catalog.apps and repos). */
const CACHEABLE_ROOT_FIELDS = new Set(['apps', '__typename']);

/** Marks a response served from the cache, as CDNs do, for operators and tests. */
export const CACHE_HEADER = 'x-pitrix-cache';

/** Most distinct query texts remembered as cacheable or not. */
const MAX_CLASSIFIED = 500;

/** The request as Express hands it on: its JSON body already parsed. */
type Request = IncomingMessage & { body?: unknown };
type Response = ServerResponse;

interface GraphQLRequestBody {
  readonly query?: unknown;
  readonly variables?: unknown;
  readonly operationName?: unknown;
}

/**
 * Serves a repeated app-list query (the dashboard's most frequent request: every user opening the
 * catalog asks for the same first pages) from the response stored the first time, without
 * running GraphQL at all: parsing, validation and execution cost far more than the page itself.
 * Only queries whose root fields all read `apps` qualify, because exactly those answers depend
 * on nothing but catalog.apps, catalog.repos and the caller — what AppListCache's change
 * notification covers. Responses are stored per caller identity, query text, variables and
 * operation name, only when they carry no error, and are dropped on every catalog change.
 */
@Injectable()
export class AppListResponses implements NestMiddleware {
  private readonly classified = new Map<string, boolean>();

  constructor(private readonly cache: AppListCache) {}

  use(req: Request, res: Response, next: () => void): void {
    const key = this.keyOf(req);
    if (key === undefined) return next();
    const stored = this.cache.response(key);
    if (stored) {
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader(CACHE_HEADER, 'hit');
      res.end(stored);
      return;
    }
    const ticket = this.cache.startResponse(key);
    if (ticket) captureBody(res, (body) => this.cache.storeResponse(ticket, body));
    next();
  }

  /** The cache key of a cacheable app-list request, or undefined for anything else. */
  private keyOf(req: Request): string | undefined {
    if (req.method !== 'POST') return undefined;
    const body = req.body as GraphQLRequestBody | undefined;
    if (typeof body?.query !== 'string') return undefined;
    const operationName = typeof body.operationName === 'string' ? body.operationName : null;
    if (!this.isAppListQuery(body.query, operationName)) return undefined;
    let identity: string;
    try {
      const caller = callerFromHeaders(req.headers);
      identity = JSON.stringify([caller.userId, caller.ownerPath, [...caller.roles].sort()]);
    } catch {
      return undefined; // GraphQL reports the bad identity headers.
    }
    return `${identity}\n${operationName ?? ''}\n${JSON.stringify(body.variables ?? null)}\n${body.query}`;
  }

  private isAppListQuery(query: string, operationName: string | null): boolean {
    const memo = `${operationName ?? ''}\n${query}`;
    let known = this.classified.get(memo);
    if (known === undefined) {
      known = classify(query, operationName);
      this.classified.set(memo, known);
      if (this.classified.size > MAX_CLASSIFIED) this.classified.delete(this.classified.keys().next().value as string);
    }
    return known;
  }
}

/** True when the operation is a query whose root selections are only plain `apps` fields. */
function classify(query: string, operationName: string | null): boolean {
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(query, { noLocation: true }).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  } catch {
    return false; // GraphQL reports the syntax error.
  }
  const operation = operationName === null ? (operations.length === 1 ? operations[0] : undefined) : operations.find((o) => o.name?.value === operationName);
  if (operation?.operation !== 'query') return false;
  const roots = operation.selectionSet.selections;
  return (
    roots.some((s) => s.kind === Kind.FIELD && s.name.value === 'apps') &&
    roots.every((s) => s.kind === Kind.FIELD && CACHEABLE_ROOT_FIELDS.has(s.name.value) && (s.directives?.length ?? 0) === 0)
  );
}

/** Hands the body of a successful, error-free JSON response to `store` as it is sent. */
function captureBody(res: Response, store: (body: Buffer) => void): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    const [chunk] = args;
    if (res.statusCode === 200 && (typeof chunk === 'string' || Buffer.isBuffer(chunk)) && String(res.getHeader('content-type') ?? '').startsWith('application/json')) {
      const body = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      if (carriesNoErrors(body)) store(body);
    }
    return end(...args);
  }) as Response['end'];
}

function carriesNoErrors(body: Buffer): boolean {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { data?: unknown; errors?: unknown };
    return parsed.errors === undefined && parsed.data !== undefined && parsed.data !== null;
  } catch {
    return false;
  }
}
