import type { GraphQLClient } from '../../graphql-client.js';

/** The signed-in caller, as `me` returns it. */
export interface MeView {
  user: { id: string; login: string; displayName: string; email: string | null; status: string; roles: string[]; primaryGroupId: string | null; createdAt: string };
  roles: string[];
  ownerPath: string;
  authenticatedBy: string;
  tokenScope: string | null;
}

const ME = 'query { me { user { id login displayName email status roles primaryGroupId createdAt } roles ownerPath authenticatedBy tokenScope } }';

/** Who the client's credential acts as. */
export async function fetchMe(api: GraphQLClient): Promise<MeView> {
  return (await api.request<{ me: MeView }>(ME)).me;
}

/** `Logged in as <login> (<roles>)`. */
export function loggedInLine(login: string, roles: readonly string[]): string {
  return `Logged in as ${login} (${roles.length > 0 ? roles.join(', ') : 'no roles'})`;
}
