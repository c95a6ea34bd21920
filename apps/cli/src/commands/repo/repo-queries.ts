/** GraphQL fields the repo commands read. */
export const REPO_FIELDS = 'id name description url visibility providers labels { key value } selectors { key value } appDefaultStatus categories authenticated indexIntervalSeconds status lastIndexedAt owner createdAt';
/** GraphQL fields of an index run. */
export const EVENT_FIELDS = 'id repoId trigger status error added updated removed unchanged failures { name version path code reason } createdAt startedAt finishedAt';

/** A repo as the commands print it. */
export interface RepoView {
  id: string;
  name: string;
  url: string;
  visibility: string;
  providers: string[];
  appDefaultStatus: string;
  authenticated: boolean;
  indexIntervalSeconds: number;
  lastIndexedAt: string | null;
  owner: string;
}

/** An index run as the commands print it. */
export interface RepoEventView {
  id: string;
  repoId: string;
  trigger: string;
  status: string;
  error: string | null;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  failures: Array<{ name: string; version: string; path: string; code: string; reason: string }>;
  createdAt: string;
  finishedAt: string | null;
}

/** One line per run: status, counts and the error or failures. */
export function describeEvent(event: RepoEventView): string {
  const counts = `+${event.added} ~${event.updated} -${event.removed} =${event.unchanged}`;
  const failures = event.failures.map((f) => `\n  failed ${f.path}: [${f.code}] ${f.reason}`).join('');
  return `${event.id} ${event.status} (${event.trigger}) ${counts}${event.error ? `: ${event.error}` : ''}${failures}`;
}
