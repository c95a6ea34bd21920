/** Fields of an account the user commands print (there is never a password to print). */
export const USER_FIELDS = 'id login displayName email status roles primaryGroupId createdAt';

/** An account as the API returns it. */
export interface UserView {
  id: string;
  login: string;
  displayName: string;
  email: string | null;
  status: string;
  roles: string[];
  primaryGroupId: string | null;
  createdAt?: string;
}

/** The roles an account can hold. */
export const ROLE_CHOICES = ['admin', 'developer', 'reviewer', 'user'];
