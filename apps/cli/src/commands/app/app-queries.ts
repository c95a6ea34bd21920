/** GraphQL fields the app commands read. */
export const APP_FIELDS = 'id repoId name description home icon keywords latestVersion status categories owner createdAt updatedAt';
/** GraphQL fields of a version. */
export const VERSION_FIELDS = 'id appId repoId name version appVersion description packagePath digest size status message deploymentCount source owner createdAt statusTime';

/** An app as the commands print it. */
export interface AppView {
  id: string;
  repoId: string;
  name: string;
  description: string;
  keywords: string[];
  latestVersion: string | null;
  status: string;
  owner: string;
}

/** A version as the commands print it. */
export interface VersionView {
  id: string;
  appId: string;
  name: string;
  version: string;
  appVersion: string | null;
  status: string;
  message: string | null;
  digest: string;
  source: string;
  deploymentCount: number;
}
