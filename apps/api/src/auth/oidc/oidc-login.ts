import type { OidcGroupMapping } from '@pitrix/config';
import { PitrixError } from '@pitrix/errors';
import * as client from 'openid-client';
import { hasGroupsClaim, identityFromClaims, type OidcClaimMapping, type OidcIdentity, type OidcRole } from './identity.js';
import { PendingOidcLogins, type PendingOidcLogin } from './pending-logins.js';

/** What `OidcLogin.discover` needs: the PITRIX_OIDC_* settings plus the API's redirect URI. */
export interface OidcLoginSettings {
  /** Issuer identifier; its `/.well-known/openid-configuration` is read at discovery. */
  readonly issuer: string;
  readonly clientId: string;
  /** Secret of a confidential client; without it the client is public (PKCE alone protects the code). */
  readonly clientSecret?: string;
  /** Space-separated scopes; `openid` is added when missing. */
  readonly scopes: string;
  readonly groupsClaim: string;
  readonly groupMap: readonly OidcGroupMapping[];
  readonly defaultRole: OidcRole;
  /**
   * Absolute URL of the API's callback route as registered at the provider, exactly: it is sent
   * in the authorization request and again in the code exchange.
   */
  readonly redirectUri: string;
  /** Allow an http issuer and http endpoints (tests, development); otherwise only https. */
  readonly allowHttp?: boolean;
  /** Timeout of each request to the provider, in seconds (default 10). */
  readonly timeoutSeconds?: number;
}

/** What `OidcLogin.complete` yields. */
export interface CompletedOidcLogin {
  readonly identity: OidcIdentity;
  /** The relative path given to `begin`. */
  readonly returnTo: string;
  /** The object given to `begin`, when one was. */
  readonly purpose?: Record<string, unknown>;
}

const RETURN_TO_MAX = 2048;

/**
 * Checks that `returnTo` is a path on this site: starts with a single `/` (not `//` nor `/\`),
 * has no backslash, control character or whitespace, and stays on the same origin once resolved.
 * Throws INPUT.INVALID otherwise (open-redirect protection).
 */
export function checkReturnTo(returnTo: unknown): string {
  const invalid = (message: string) =>
    new PitrixError('INPUT.INVALID', `returnTo must be a relative path on this site: ${message}`, [
      { path: 'returnTo', message, expected: 'a path starting with a single /', found: typeof returnTo === 'string' ? returnTo.slice(0, 200) : typeof returnTo },
    ]);
  if (typeof returnTo !== 'string') throw invalid('not a string');
  if (returnTo.length > RETURN_TO_MAX) throw invalid(`longer than ${RETURN_TO_MAX} characters`);
  if (!returnTo.startsWith('/') || returnTo.startsWith('//')) throw invalid('it must start with a single /');
  // Browsers read `\` as `/` and drop tabs and newlines, so `/\evil` and `/\t/evil` lead off-site.
  if (/[\\\s\u0000-\u001f\u007f]/.test(returnTo)) throw invalid('backslashes, whitespace and control characters are not allowed');
  const base = 'http://pitrix.invalid';
  let resolved: URL;
  try {
    resolved = new URL(returnTo, base);
  } catch {
    throw invalid('not a valid path');
  }
  if (resolved.origin !== base) throw invalid('it leads to another site');
  return returnTo;
}

function withOpenid(scopes: string): string {
  const list = scopes.split(/\s+/).filter((scope) => scope !== '');
  return (list.includes('openid') ? list : ['openid', ...list]).join(' ');
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Turns an openid-client error of `step` into a PitrixError. */
function failure(step: string, err: unknown): PitrixError {
  if (err instanceof PitrixError) return err;
  if (err instanceof client.AuthorizationResponseError) {
    const description = err.error_description ? ` (${err.error_description})` : '';
    return new PitrixError('AUTH.UNAUTHENTICATED', `The identity provider refused the sign-in: ${err.error}${description}`, [], { cause: err });
  }
  if (err instanceof client.ResponseBodyError) {
    const description = err.error_description ? ` (${err.error_description})` : '';
    const code = err.status >= 500 ? 'SYSTEM.DEPENDENCY_UNAVAILABLE' : 'AUTH.UNAUTHENTICATED';
    return new PitrixError(code, `The identity provider rejected the ${step}: ${err.error}${description}`, [], { cause: err });
  }
  const unreachable =
    err instanceof TypeError ||
    (err instanceof client.ClientError && ['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON'].includes(err.code ?? ''));
  if (unreachable) {
    return new PitrixError('SYSTEM.DEPENDENCY_UNAVAILABLE', `The identity provider could not be used for the ${step}: ${describe(err)}`, [], { cause: err });
  }
  return new PitrixError('AUTH.UNAUTHENTICATED', `The sign-in failed at the ${step}: ${describe(err)}`, [], { cause: err });
}

/**
 * Single sign-on with OpenID Connect: authorization code flow with PKCE (S256), state and nonce.
 * `begin` returns the provider URL to send the browser to and keeps the pending login in memory
 * (10 minutes, one use); `complete` takes the callback URL the provider redirected to, exchanges
 * the code and maps the validated ID token's claims (and the userinfo claims, when the ID token
 * lacks them) to an identity. A single API process must serve a login from begin to complete.
 */
export class OidcLogin {
  /** The issuer identifier from the discovery document. */
  readonly issuer: string;
  readonly redirectUri: string;
  private readonly scope: string;
  private readonly mapping: OidcClaimMapping;

  private constructor(
    private readonly config: client.Configuration,
    settings: OidcLoginSettings,
    private readonly pending: PendingOidcLogins,
  ) {
    this.issuer = config.serverMetadata().issuer;
    this.redirectUri = settings.redirectUri;
    this.scope = withOpenid(settings.scopes);
    this.mapping = { groupsClaim: settings.groupsClaim, groupMap: [...settings.groupMap], defaultRole: settings.defaultRole };
  }

  /**
   * Reads the provider's discovery document. Throws INPUT.INVALID for unusable settings and
   * SYSTEM.DEPENDENCY_UNAVAILABLE when the provider cannot be reached or answers nonsense.
   */
  static async discover(settings: OidcLoginSettings): Promise<OidcLogin> {
    const problems = [];
    let issuer: URL | undefined;
    try {
      issuer = new URL(settings.issuer);
    } catch {
      problems.push({ path: 'issuer', message: 'not a URL', found: settings.issuer });
    }
    if (issuer && issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && settings.allowHttp)) {
      problems.push({ path: 'issuer', message: 'an https URL is required', found: settings.issuer });
    }
    let redirect: URL | undefined;
    try {
      redirect = new URL(settings.redirectUri);
    } catch {
      problems.push({ path: 'redirectUri', message: 'not an absolute URL', found: settings.redirectUri });
    }
    if (redirect && (!['http:', 'https:'].includes(redirect.protocol) || redirect.hash !== '' || redirect.search !== '')) {
      problems.push({ path: 'redirectUri', message: 'an http(s) URL without query or fragment is required', found: settings.redirectUri });
    }
    if (settings.clientId.trim() === '') problems.push({ path: 'clientId', message: 'required' });
    if (problems.length > 0 || !issuer) throw new PitrixError('INPUT.INVALID', 'Unusable OpenID Connect settings', problems);

    const options: client.DiscoveryRequestOptions = {
      timeout: settings.timeoutSeconds ?? 10,
      ...(settings.allowHttp ? { execute: [client.allowInsecureRequests] } : {}),
    };
    let discovered: client.Configuration;
    try {
      discovered = await client.discovery(issuer, settings.clientId, undefined, client.None(), options);
    } catch (err) {
      throw new PitrixError('SYSTEM.DEPENDENCY_UNAVAILABLE', `OpenID Connect discovery at ${settings.issuer} failed: ${describe(err)}`, [], { cause: err });
    }
    const server = discovered.serverMetadata();
    if (server.code_challenge_methods_supported && !server.code_challenge_methods_supported.includes('S256')) {
      throw new PitrixError('INPUT.INVALID', `The identity provider at ${settings.issuer} does not support PKCE with S256`);
    }

    const config = new client.Configuration(server, settings.clientId, undefined, clientAuthentication(server, settings.clientSecret));
    config.timeout = options.timeout;
    if (settings.allowHttp) client.allowInsecureRequests(config);
    return new OidcLogin(config, settings, new PendingOidcLogins());
  }

  /**
   * Starts a login: the URL to redirect the browser to, and its state. `returnTo` must be a
   * relative path (`/…`, INPUT.INVALID otherwise); `purpose` is handed back by `complete`.
   */
  async begin(returnTo: string, purpose?: Record<string, unknown>): Promise<{ authorizationUrl: string; state: string }> {
    checkReturnTo(returnTo);
    const codeVerifier = client.randomPKCECodeVerifier();
    const login: PendingOidcLogin = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier,
      returnTo,
      createdAt: this.pending.now(),
      ...(purpose !== undefined ? { purpose } : {}),
    };
    const authorizationUrl = client.buildAuthorizationUrl(this.config, {
      redirect_uri: this.redirectUri,
      scope: this.scope,
      state: login.state,
      nonce: login.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    this.pending.add(login);
    return { authorizationUrl: authorizationUrl.href, state: login.state };
  }

  /**
   * Finishes a login from the callback URL (its query: `code`, `state`, `iss`, or `error`). The
   * pending login is looked up by state and removed, so a callback works once. Only the query of
   * `callbackUrl` is used; the code is exchanged with the configured redirect URI (so a proxy
   * in front of the API does not matter).
   *
   * Throws AUTH.UNAUTHENTICATED for an unknown, expired or replayed state, a refused sign-in or a
   * response that fails validation (PKCE, nonce, ID token), SYSTEM.DEPENDENCY_UNAVAILABLE when
   * the provider cannot be reached.
   */
  async complete(callbackUrl: URL): Promise<CompletedOidcLogin> {
    const state = callbackUrl.searchParams.get('state');
    if (!state) throw new PitrixError('AUTH.UNAUTHENTICATED', 'The sign-in response has no state; start the sign-in again');
    const login = this.pending.take(state);
    if (!login) throw new PitrixError('AUTH.UNAUTHENTICATED', 'Unknown, used or expired sign-in; start the sign-in again');

    const current = new URL(this.redirectUri);
    current.search = callbackUrl.search;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(this.config, current, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw failure('code exchange', err);
    }
    const idToken = tokens.claims();
    if (!idToken) throw new PitrixError('AUTH.UNAUTHENTICATED', 'The identity provider returned no ID token');

    let claims: Record<string, unknown> = { ...idToken };
    if (this.needsUserinfo(claims) && tokens.access_token && this.config.serverMetadata().userinfo_endpoint) {
      try {
        const userinfo = await client.fetchUserInfo(this.config, tokens.access_token, idToken.sub);
        claims = { ...userinfo, ...claims };
      } catch (err) {
        throw failure('userinfo request', err);
      }
    }
    const identity = identityFromClaims(claims, idToken.iss, this.mapping);
    return { identity, returnTo: login.returnTo, ...(login.purpose !== undefined ? { purpose: login.purpose } : {}) };
  }

  /** The ID token lacks the groups claim (while groups are mapped) or every name claim. */
  private needsUserinfo(claims: Record<string, unknown>): boolean {
    const groupsMissing = this.mapping.groupMap.length > 0 && !hasGroupsClaim(claims, this.mapping.groupsClaim);
    const namesMissing = ['preferred_username', 'email', 'name'].every((name) => claims[name] === undefined);
    return groupsMissing || namesMissing;
  }
}

/**
 * Client authentication at the token endpoint: none for a public client; for a confidential one
 * client_secret_basic (every provider must support it), or client_secret_post when the provider
 * says it supports only that.
 */
function clientAuthentication(server: client.ServerMetadata, secret: string | undefined): client.ClientAuth {
  if (secret === undefined || secret === '') return client.None();
  const supported = server.token_endpoint_auth_methods_supported;
  if (supported && !supported.includes('client_secret_basic') && supported.includes('client_secret_post')) return client.ClientSecretPost(secret);
  return client.ClientSecretBasic(secret);
}
