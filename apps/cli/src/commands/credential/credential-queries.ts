/** Fields of a credential the commands print (there is no secret to print). */
export const CREDENTIAL_FIELDS = 'id name description provider endpoint secretFields keyId owner createdAt';

/** A credential as the API returns it. */
export interface CredentialView {
  id: string;
  name: string;
  description: string;
  provider: string;
  endpoint: string | null;
  secretFields: string[];
  keyId: string;
  owner: string;
  createdAt: string;
}
