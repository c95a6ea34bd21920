import { Injectable } from '@nestjs/common';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isAdmin } from '../access/index.js';
import { Authenticator } from '../auth/authenticator.js';
import { AppListCache } from './app-list-cache.js';

/** Root fields whose whole answer is cleared with the app-list cache (catalog.apps and repos). */
const CACHEABLE_ROOT_FIELDS = new Set(['apps', '__typename']);

/** Marks a response served from the cache, as CDNs do, for operators and tests. */
const CACHE_HEADER = 'x-pitrix-cache';

/** Most distinct query texts remembered as cacheable or not. */
const MAX_CLASSIFIED = 500;

/** A request whose JSON body the fast path parsed, marked so Express's body parser skips it. */
type Request = IncomingMessage & { body?: unknown; _body?: boolean };
type Response = ServerResponse;

interface GraphQLRequestBody {
  readonly query?: unknown;
  readonly variables?: unknown;
  readonly operationName?: unknown;
}

/** Request bodies larger than this (an app-list query is a few hundred bytes) skip the fast path. */
const MAX_FAST_BODY_BYTES = 64 * 1024;

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves a repeated app-list query (the dashboard's most frequent request: every user opening the
 * catalog asks for the same first pages) from the response stored the first time, without
 * running GraphQL, or even Express, at all: routing, body parsing, validation and execution cost
 * far more than the page itself. Only queries whose root fields all read `apps` qualify, because
 * exactly those answers depend on nothing but catalog.apps, catalog.repos and the caller — what
 * AppListCache's change notification covers. Responses are stored per caller identity, query
 * text, variables and operation name, only when they carry no error, and are dropped on every
 * catalog change. A request is served here only when its credential is already known valid.
 */
@Injectable()
export class AppListResponses {
  private readonly classified = new Map<string, boolean>();

  constructor(
    private readonly cache: AppListCache,
    private readonly authenticator: Authenticator,
  ) {}

  /**
   * Puts the fast path in front of the server's request handler (Express). A GraphQL POST it
   * reads goes on to Express with its body already parsed (`req.body`, `req._body`, which
   * Express's body parser honours).
   */
  install(server: Server, path = '/graphql'): void {
    const handlers = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    const handOn: RequestListener = (req, res) => {
      for (const handler of handlers) handler.call(server, req, res);
    };
    server.on('request', (req: Request, res: Response) => {
      if (!this.isFastPathCandidate(req, path)) return handOn(req, res);
      readBody(req).then(
        (raw) => this.serve(req, res, raw, () => handOn(req, res)),
        () => res.destroy(),
      );
    });
  }

  private isFastPathCandidate(req: IncomingMessage, path: string): boolean {
    if (req.method !== 'POST' || (req.url !== path && !req.url?.startsWith(`${path}?`))) return false;
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return false;
    const length = Number(req.headers['content-length']);
    return Number.isInteger(length) && length <= MAX_FAST_BODY_BYTES;
  }

  private serve(req: Request, res: Response, raw: Buffer, next: () => void): void {
    let body: GraphQLRequestBody;
    try {
      body = JSON.parse(raw.toString('utf8')) as GraphQLRequestBody;
    } catch (err) {
      return sendBadRequest(res, `The request body is not valid JSON: ${(err as Error).message}`);
    }
    req.body = body;
    req._body = true;
    const key = this.keyOf(req, body);
    if (key === undefined) return next();
    const stored = this.cache.response(key);
    if (stored) return sendStored(res, stored);
    const pending = this.cache.pendingResponse(key);
    if (pending) {
      void pending.then((found) => (found ? sendStored(res, found) : next()));
      return;
    }
    const ticket = this.cache.startResponse(key);
    if (ticket) captureBody(res, (found) => ticket.settle(found));
    next();
  }

  /** The cache key of a cacheable app-list request, or undefined for anything else. */
  private keyOf(req: Request, body: GraphQLRequestBody): string | undefined {
    if (typeof body?.query !== 'string') return undefined;
    const operationName = typeof body.operationName === 'string' ? body.operationName : null;
    if (!this.isAppListQuery(body.query, operationName)) return undefined;
    // Only a caller the authenticator already knows is served here; GraphQL authenticates the
    // rest (and refuses a bad credential), after which the cache knows them.
    const resolved = this.authenticator.cachedFromHeaders(req.headers);
    if (!resolved.known || !resolved.caller) return undefined;
    const caller = resolved.caller;
    const identity = JSON.stringify([isAdmin(caller) ? '*' : caller.visiblePaths, [...caller.roles].sort()]);
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

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FAST_BODY_BYTES) return reject(new Error('request body longer than its content-length'));
      chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function sendBadRequest(res: Response, message: string): void {
  res.statusCode = 400;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }));
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

function sendStored(res: Response, body: Buffer): void {
  res.statusCode = 200;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader(CACHE_HEADER, 'hit');
  res.end(body);
}

/**
 * Hands `settle` the body of the response as it is sent when it is a successful, error-free JSON
 * response, and undefined otherwise (also when the connection closes before an answer).
 */
function captureBody(res: Response, settle: (body: Buffer | undefined) => void): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    const [chunk] = args;
    let body: Buffer | undefined;
    if (res.statusCode === 200 && (typeof chunk === 'string' || Buffer.isBuffer(chunk)) && String(res.getHeader('content-type') ?? '').startsWith('application/json')) {
      body = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      if (!carriesNoErrors(body)) body = undefined;
    }
    settle(body);
    return end(...args);
  }) as Response['end'];
  res.once('close', () => settle(undefined));
}

function carriesNoErrors(body: Buffer): boolean {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { data?: unknown; errors?: unknown };
    return parsed.errors === undefined && parsed.data !== undefined && parsed.data !== null;
  } catch {
    return false;
  }
}
