export { ERROR_CODES, isErrorCode, isRetryable, kindOf } from './codes.js';
export type { ErrorCode, ErrorKind } from './codes.js';
export { PitrixError, formatProblems, hasErrorCode, isPitrixError } from './pitrix-error.js';
export type { Problem } from './pitrix-error.js';
export { toGraphQLErrorShape } from './graphql-mapping.js';
export type { GraphQLErrorShape } from './graphql-mapping.js';
export { fromTemporalFailure, toApplicationFailure } from './temporal-mapping.js';
