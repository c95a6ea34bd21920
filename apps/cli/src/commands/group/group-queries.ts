/** Fields of a member of a group. */
export const MEMBER_FIELDS = 'members { userId login role }';

/** A member of a group and its role there. */
export interface MemberView {
  userId: string;
  login: string;
  role: string;
}

/** A group as the API returns it. */
export interface GroupView {
  id: string;
  name: string;
  displayName: string;
  createdAt?: string;
  members?: MemberView[];
}

/** `login:role, …`. */
export function formatMembers(members: readonly MemberView[]): string {
  return members.map((m) => `${m.login}:${m.role}`).join(', ');
}
