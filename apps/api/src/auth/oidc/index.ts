export { identityFromClaims } from './identity.js';
export type { OidcClaimMapping, OidcIdentity, OidcRole } from './identity.js';
export { checkReturnTo, OidcLogin } from './oidc-login.js';
export type { CompletedOidcLogin, OidcLoginSettings } from './oidc-login.js';
export { PendingOidcLogins } from './pending-logins.js';
export type { PendingOidcLogin, PendingOidcLoginsOptions } from './pending-logins.js';
