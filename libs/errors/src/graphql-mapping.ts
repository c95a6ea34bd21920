import { isPitrixError, type Problem } from './pitrix-error.js';

/** The shape the API puts in a GraphQL error: a message and `extensions.code` (plus problems). */
export interface GraphQLErrorShape {
  readonly message: string;
  readonly extensions: { readonly code: string; readonly problems?: readonly Problem[] };
}

const INTERNAL_MESSAGE = 'Internal error. The server log has the details.';

/**
 * Maps any thrown value to what a GraphQL client sees. Pitrix errors keep their code, message
 * and problems; anything else becomes `SYSTEM.INTERNAL` with a generic message, so no stack,
 * SQL or secret leaks to a client.
 */
export function toGraphQLErrorShape(err: unknown): GraphQLErrorShape {
  if (isPitrixError(err)) {
    const problems = err.problems ?? [];
    return {
      message: err.message,
      extensions: problems.length > 0 ? { code: err.code, problems } : { code: err.code },
    };
  }
  return { message: INTERNAL_MESSAGE, extensions: { code: 'SYSTEM.INTERNAL' } };
}
