import type { Problem } from './problem.js';

/** What the sign-in page may offer. */
export interface SignInMethods {
  readonly password: boolean;
  readonly sso: boolean;
}

/** Thrown by the /auth endpoints with the API's code and message. */
export class AuthRequestError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

async function failure(response: Response): Promise<AuthRequestError> {
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string; problems?: Problem['problems'] } };
  return new AuthRequestError({ code: body.error?.code ?? `HTTP.${response.status}`, message: body.error?.message ?? response.statusText, problems: body.error?.problems ?? [] });
}

export async function signInMethods(): Promise<SignInMethods> {
  const response = await fetch('/auth/methods', { credentials: 'same-origin' });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as SignInMethods;
}

/** Password sign-in: the API answers with an HttpOnly session cookie, never a token the page could read. */
export async function signInWithPassword(login: string, password: string): Promise<void> {
  const response = await fetch('/auth/login', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  if (!response.ok) throw await failure(response);
}

export async function signOut(): Promise<void> {
  const response = await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!response.ok) throw await failure(response);
}

/** The address that starts single sign-on and brings the browser back to `returnTo` (a path on this origin). */
export function ssoStartUrl(returnTo: string): string {
  return `/auth/sso/start?return_to=${encodeURIComponent(returnTo)}`;
}
