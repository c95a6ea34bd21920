import type { CombinedError } from 'urql';

/** One field the API found wrong, by JSON path (`cluster.replica.count`). */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** An error as the dashboard shows it: the API's code, its message and any field problems. */
export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly problems: readonly FieldProblem[];
}

/** Reads an urql error (GraphQL errors first, then the network) into the API's code and message. */
export function problemOf(error: CombinedError): Problem {
  const first = error.graphQLErrors[0];
  if (first) {
    const extensions = first.extensions as { code?: unknown; problems?: unknown };
    const problems = Array.isArray(extensions.problems) ? (extensions.problems as FieldProblem[]) : [];
    return { code: typeof extensions.code === 'string' ? extensions.code : 'SYSTEM.INTERNAL', message: first.message, problems };
  }
  return { code: 'NETWORK.UNREACHABLE', message: error.networkError?.message ?? error.message, problems: [] };
}

/** True when the API refused because nobody is signed in (an expired or revoked session). */
export function isUnauthenticated(error: CombinedError | undefined): boolean {
  return error !== undefined && error.graphQLErrors.some((e) => (e.extensions as { code?: unknown }).code === 'AUTH.UNAUTHENTICATED');
}
