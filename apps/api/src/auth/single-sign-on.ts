import { Inject, Injectable } from '@nestjs/common';
import type { AccountStore, Principal } from '@pitrix/account-store';
import type { ApiConfig } from '@pitrix/config';
import { PitrixError } from '@pitrix/errors';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_CONFIG } from '../clients/tokens.js';
import { ACCOUNT_STORE } from './account-store.provider.js';
import { CliLoginCodes } from './cli-login-codes.js';
import { OidcLogin } from './oidc/index.js';

/** How long a token minted for the CLI by an SSO login lives. */
const CLI_TOKEN_DAYS = 90;

/** Where an SSO login ends: a browser session to open at `returnTo`, or a code for the CLI. */
export interface SsoOutcome {
  readonly principal: Principal;
  readonly returnTo: string;
  readonly cli?: { readonly port: number; readonly state: string; readonly code: string };
}

/**
 * Single sign-on through the configured OpenID provider: starts the authorization-code flow with
 * PKCE, and at the callback creates or updates the account from the ID token's claims (groups and
 * roles through the configured mapping). Off when no issuer is configured.
 */
@Injectable()
export class SingleSignOn {
  private login: Promise<OidcLogin> | undefined;
  private server: Server | undefined;
  private readonly cliCodes = new CliLoginCodes();

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(ACCOUNT_STORE) private readonly accounts: AccountStore,
  ) {}

  /** The HTTP server, whose address is the redirect URI's base when no public URL is configured. */
  attach(server: Server): void {
    this.server = server;
  }

  async begin(returnTo: string, cli?: { cliPort: number; cliState: string }): Promise<string> {
    const login = await this.oidc();
    const { authorizationUrl } = await login.begin(returnTo, cli);
    return authorizationUrl;
  }

  async complete(callbackUrl: URL, sourceAddress: string | undefined): Promise<SsoOutcome> {
    const login = await this.oidc();
    let identity;
    let returnTo: string;
    let purpose: Record<string, unknown> | undefined;
    try {
      ({ identity, returnTo, purpose } = await login.complete(callbackUrl));
    } catch (err) {
      await this.accounts.recordEvent({ action: 'login.sso', outcome: 'failure', sourceAddress, details: { reason: (err as Error).message.slice(0, 200) } });
      throw err;
    }
    const principal = await this.accounts.upsertOidcUser(identity);
    await this.accounts.recordEvent({ action: 'login.sso', outcome: 'success', actorId: principal.userId, actorLogin: principal.login, sourceAddress, details: { issuer: identity.issuer } });
    if (purpose && typeof purpose['cliPort'] === 'number' && typeof purpose['cliState'] === 'string') {
      const { token, record } = await this.accounts.createToken(principal.userId, { name: 'cli (single sign-on)', scope: 'full', expiresAt: new Date(Date.now() + CLI_TOKEN_DAYS * 86_400_000) });
      await this.accounts.recordEvent({ action: 'token.create', outcome: 'success', actorId: principal.userId, actorLogin: principal.login, target: record.id, sourceAddress, details: { name: record.name, scope: record.scope } });
      return { principal, returnTo, cli: { port: purpose['cliPort'], state: purpose['cliState'], code: this.cliCodes.issue(token, record.id) } };
    }
    return { principal, returnTo };
  }

  redeemCliCode(code: string): { token: string; tokenId: string } | undefined {
    return this.cliCodes.redeem(code);
  }

  private oidc(): Promise<OidcLogin> {
    const auth = this.config.auth;
    if (!auth.oidcIssuer || !auth.oidcClientId) throw new PitrixError('AUTH.UNAUTHENTICATED', 'Single sign-on is not configured here (PITRIX_OIDC_ISSUER and PITRIX_OIDC_CLIENT_ID)');
    this.login ??= OidcLogin.discover({
      issuer: auth.oidcIssuer,
      clientId: auth.oidcClientId,
      clientSecret: auth.oidcClientSecret,
      scopes: auth.oidcScopes,
      groupsClaim: auth.oidcGroupsClaim,
      groupMap: auth.oidcGroupMap,
      defaultRole: auth.oidcDefaultRole,
      redirectUri: `${this.publicBase()}/auth/sso/callback`,
      allowHttp: auth.oidcIssuer.startsWith('http:'),
    });
    this.login.catch(() => (this.login = undefined));
    return this.login;
  }

  private publicBase(): string {
    if (this.config.auth.publicUrl) return this.config.auth.publicUrl;
    const port = (this.server?.address() as AddressInfo | null)?.port ?? this.config.api.port;
    const host = this.config.api.host === '0.0.0.0' || this.config.api.host === '::' ? '127.0.0.1' : this.config.api.host;
    return `http://${host}:${port}`;
  }
}
