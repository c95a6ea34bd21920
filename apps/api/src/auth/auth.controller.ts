import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { AccountStore } from '@pitrix/account-store';
import type { ApiConfig } from '@pitrix/config';
import { isPitrixError, kindOf, PitrixError } from '@pitrix/errors';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_CONFIG } from '../clients/tokens.js';
import { ACCOUNT_STORE } from './account-store.provider.js';
import { Authenticator } from './authenticator.js';
import { cookieValue, SESSION_COOKIE } from './credentials.js';
import { SingleSignOn } from './single-sign-on.js';

type Request = IncomingMessage & { body?: unknown; query?: Record<string, unknown> };
type Response = ServerResponse;

const STATUS_BY_KIND: Record<string, number> = { invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, unavailable: 429, failed_precondition: 412 };

/**
 * Signing in and out over plain HTTP (JSON only, so a cross-site form cannot post here): password
 * login and logout with a session cookie, single sign-on, and the CLI's code exchange.
 */
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(ACCOUNT_STORE) private readonly accounts: AccountStore,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly authenticator: Authenticator,
    private readonly sso: SingleSignOn,
  ) {}

  /** What the sign-in page offers: a password form always, the SSO button when an OpenID provider is configured. */
  @Get('methods')
  methods(): { password: true; sso: boolean } {
    return { password: true, sso: Boolean(this.config.auth.oidcIssuer && this.config.auth.oidcClientId) };
  }

  @Post('login')
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    await respond(res, async () => {
      const { login, password } = jsonBody<{ login?: unknown; password?: unknown }>(req);
      const problems = [];
      if (typeof login !== 'string' || login === '') problems.push({ path: 'login', message: 'expected the login name' });
      if (typeof password !== 'string' || password === '') problems.push({ path: 'password', message: 'expected the password' });
      if (problems.length > 0) throw new PitrixError('INPUT.INVALID', 'A login needs a login name and a password', problems);
      const principal = await this.accounts.verifyPassword(String(login).toLowerCase(), String(password), sourceOf(req) ?? 'unknown');
      const session = await this.accounts.createSession(principal.userId);
      res.setHeader('set-cookie', this.sessionCookie(session.sessionId, session.expiresAt));
      return { status: 200, body: { user: { id: principal.userId, login: principal.login, displayName: principal.displayName, roles: principal.roles } } };
    });
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    await respond(res, async () => {
      const sessionId = cookieValue(req.headers.cookie, SESSION_COOKIE);
      if (sessionId) {
        const caller = await this.authenticator.resolve({ kind: 'session', value: sessionId });
        await this.accounts.revokeSession(sessionId);
        this.authenticator.forgetSession(sessionId);
        if (caller) await this.accounts.recordEvent({ action: 'logout', outcome: 'success', actorId: caller.userId, actorLogin: caller.login, sourceAddress: sourceOf(req) });
      }
      res.setHeader('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${this.secure()}`);
      return { status: 204 };
    });
  }

  /** Starts an SSO login: `return_to` (a path here) for the browser, or `cli_port` and `cli_state` for the CLI. */
  @Get('sso/start')
  async ssoStart(@Req() req: Request, @Res() res: Response): Promise<void> {
    await respond(res, async () => {
      const query = req.query ?? {};
      const cliPort = query['cli_port'];
      const purpose =
        cliPort === undefined ? undefined : { cliPort: parseCliPort(cliPort), cliState: typeof query['cli_state'] === 'string' && /^[\w-]{8,128}$/.test(query['cli_state']) ? query['cli_state'] : invalid('cli_state', 'expected 8–128 letters, digits, - or _') };
      const returnTo = typeof query['return_to'] === 'string' ? query['return_to'] : '/';
      const url = await this.sso.begin(returnTo, purpose);
      return { status: 302, location: url };
    });
  }

  @Get('sso/callback')
  async ssoCallback(@Req() req: Request, @Res() res: Response): Promise<void> {
    await respond(res, async () => {
      const outcome = await this.sso.complete(new URL(req.url ?? '/', 'http://callback.invalid'), sourceOf(req));
      if (outcome.cli) return { status: 302, location: `http://127.0.0.1:${outcome.cli.port}/callback?code=${encodeURIComponent(outcome.cli.code)}&state=${encodeURIComponent(outcome.cli.state)}` };
      const session = await this.accounts.createSession(outcome.principal.userId);
      res.setHeader('set-cookie', this.sessionCookie(session.sessionId, session.expiresAt));
      return { status: 302, location: outcome.returnTo };
    });
  }

  /** Trades the one-time code an SSO login handed the CLI for its token. */
  @Post('cli/exchange')
  async cliExchange(@Req() req: Request, @Res() res: Response): Promise<void> {
    await respond(res, async () => {
      const { code } = jsonBody<{ code?: unknown }>(req);
      const redeemed = typeof code === 'string' ? this.sso.redeemCliCode(code) : undefined;
      if (!redeemed) throw new PitrixError('AUTH.UNAUTHENTICATED', 'The login code is unknown, used or expired; run pitrix login --sso again');
      return { status: 200, body: redeemed };
    });
  }

  private sessionCookie(sessionId: string, expiresAt: Date): string {
    return `${SESSION_COOKIE}=${encodeURIComponent(sessionId)}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${this.secure()}`;
  }

  private secure(): string {
    return this.config.auth.publicUrl?.startsWith('https:') ? '; Secure' : '';
  }
}

/** The parsed JSON body; anything but a JSON object is refused (a form post cannot reach here). */
function jsonBody<T>(req: Request): T {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json') || typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    throw new PitrixError('INPUT.INVALID', 'Send a JSON object with content-type application/json', [{ path: 'body', message: 'expected a JSON object' }]);
  }
  return req.body as T;
}

function parseCliPort(value: unknown): number {
  const port = Number(value);
  return Number.isInteger(port) && port >= 1024 && port <= 65535 ? port : invalid('cli_port', 'expected a port from 1024 to 65535');
}

function invalid(path: string, message: string): never {
  throw new PitrixError('INPUT.INVALID', `Invalid ${path}: ${message}`, [{ path, message }]);
}

/** The peer address (forwarded-for headers are not trusted: anyone can send them). */
export function sourceOf(req: IncomingMessage): string | undefined {
  return req.socket.remoteAddress;
}

async function respond(res: Response, run: () => Promise<{ status: number; body?: unknown; location?: string }>): Promise<void> {
  try {
    const result = await run();
    res.statusCode = result.status;
    if (result.location) res.setHeader('location', result.location);
    if (result.body === undefined) return void res.end();
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(result.body));
  } catch (err) {
    const known = isPitrixError(err);
    if (!known) console.error('pitrix api: unexpected error in /auth', err);
    const code = known ? err.code : 'SYSTEM.INTERNAL';
    res.statusCode = known ? (STATUS_BY_KIND[kindOf(err.code)] ?? 500) : 500;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ error: { code, message: known ? err.message : 'Internal error', ...(known && err.problems.length > 0 ? { problems: err.problems } : {}) } }));
  }
}
