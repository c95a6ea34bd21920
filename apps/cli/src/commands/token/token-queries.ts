/** Fields of a personal access token (never its secret). */
export const TOKEN_FIELDS = 'id name scope expiresAt createdAt lastUsedAt revokedAt';

/** A personal access token as listed. */
export interface TokenView {
  id: string;
  name: string;
  scope: string;
  expiresAt: string | null;
  createdAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}
