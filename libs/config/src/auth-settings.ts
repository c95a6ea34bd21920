import { boolean, integer, list } from './parsers.js';
import { setting, SettingParseError } from './setting.js';

/** A platform role a mapped IdP group grants. */
type MappedRole = 'admin' | 'developer' | 'reviewer' | 'user';
const MAPPED_ROLES: readonly MappedRole[] = ['admin', 'developer', 'reviewer', 'user'];

/** One entry of the IdP group mapping: members of `idpGroup` join `group` (if any) with `role`. */
export interface OidcGroupMapping {
  readonly idpGroup: string;
  /** Name of the Pitrix group the user joins; undefined grants the role platform-wide. */
  readonly group: string | undefined;
  readonly role: MappedRole;
}

/** Parses `idp-group=pitrix-group:role,…` (an empty Pitrix group grants the role platform-wide). */
export function oidcGroupMap(raw: string): OidcGroupMapping[] {
  return list(raw).map((entry) => {
    const match = /^([^=]+)=([a-z0-9-]*):([a-z]+)$/.exec(entry);
    if (!match || !MAPPED_ROLES.includes(match[3] as MappedRole)) {
      throw new SettingParseError(`entries idp-group=pitrix-group:role (role one of ${MAPPED_ROLES.join(', ')}; an empty pitrix-group grants the role platform-wide), found "${entry}"`);
    }
    return { idpGroup: match[1]!.trim(), group: match[2] === '' ? undefined : match[2], role: match[3] as MappedRole };
  });
}

/** An optional absolute http(s) URL; empty means unset. */
function optionalHttpUrl(raw: string): string | undefined {
  if (raw.trim() === '') return undefined;
  try {
    const parsed = new URL(raw);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return raw.replace(/\/$/, '');
  } catch {
    // reported below
  }
  throw new SettingParseError('an http or https URL, or nothing');
}

/** An optional value; empty means unset. */
function optionalText(raw: string): string | undefined {
  return raw.trim() === '' ? undefined : raw.trim();
}

/** Who may call the API and how they sign in. */
export const authSettings = {
  devMode: setting(
    'PITRIX_DEV_MODE',
    'false',
    { description: 'Development installation: GraphQL introspection and the GraphiQL page are served and the development master key is accepted (never in production)' },
    boolean,
  ),
  publicUrl: setting(
    'PITRIX_API_PUBLIC_URL',
    '',
    { description: 'URL browsers and the CLI reach the API at (default: http://<host>:<port>); https makes the session cookie Secure and is the base of the SSO redirect' },
    optionalHttpUrl,
  ),
  allowedOrigins: setting(
    'PITRIX_API_ALLOWED_ORIGINS',
    '',
    { description: 'Browser origins allowed to open WebSocket subscriptions, comma-separated, besides the API’s own (e.g. the dashboard’s)' },
    list,
  ),
  allowedHosts: setting(
    'PITRIX_API_ALLOWED_HOSTS',
    '',
    { description: 'Host names accepted in requests, comma-separated, besides loopback names, when the API listens on a loopback address (defence against DNS rebinding)' },
    list,
  ),
  sessionIdleMinutes: setting('PITRIX_SESSION_IDLE_MINUTES', '720', { description: 'A browser session unused this long ends' }, integer(1, 60 * 24 * 30)),
  sessionMaxHours: setting('PITRIX_SESSION_MAX_HOURS', '168', { description: 'A browser session ends this long after login, used or not' }, integer(1, 24 * 90)),
  loginFreeAttempts: setting(
    'PITRIX_LOGIN_FREE_ATTEMPTS',
    '5',
    { description: 'Failed logins in a row (per account and per source address) before each further attempt waits a growing delay' },
    integer(1, 1000),
  ),
  oidcIssuer: setting('PITRIX_OIDC_ISSUER', '', { description: 'OpenID Connect issuer URL for single sign-on; empty turns SSO off' }, optionalHttpUrl),
  oidcClientId: setting('PITRIX_OIDC_CLIENT_ID', '', { description: 'Client id Pitrix is registered with at the OpenID provider' }, optionalText),
  oidcClientSecret: setting('PITRIX_OIDC_CLIENT_SECRET', '', { description: 'Client secret of that registration (empty for a public client)', secret: true }, optionalText),
  oidcScopes: setting('PITRIX_OIDC_SCOPES', 'openid profile email groups', { description: 'Scopes requested at login' }, (raw) => raw.trim()),
  oidcGroupsClaim: setting('PITRIX_OIDC_GROUPS_CLAIM', 'groups', { description: 'ID token claim that lists the user’s IdP groups' }, (raw) => raw.trim()),
  oidcGroupMap: setting(
    'PITRIX_OIDC_GROUP_MAP',
    '',
    { description: 'IdP groups to Pitrix groups and roles: idp-group=pitrix-group:role, comma-separated; an empty pitrix-group grants the role platform-wide' },
    oidcGroupMap,
  ),
  oidcDefaultRole: setting(
    'PITRIX_OIDC_DEFAULT_ROLE',
    'user',
    { description: 'Platform role of a user who signs in through SSO and matches no mapped group' },
    (raw) => {
      if (!MAPPED_ROLES.includes(raw as MappedRole)) throw new SettingParseError(`one of ${MAPPED_ROLES.join(', ')}`);
      return raw as MappedRole;
    },
  ),
};
