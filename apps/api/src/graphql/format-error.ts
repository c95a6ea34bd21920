import { HttpException } from '@nestjs/common';
import { isPitrixError, PitrixError, toGraphQLErrorShape } from '@pitrix/errors';
import type { GraphQLFormattedError } from 'graphql';

/** Codes Apollo gives to requests that are malformed before any resolver runs. */
const REQUEST_ERROR_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST']);

/**
 * The one place errors become GraphQL errors: Pitrix errors keep their code and problems;
 * malformed requests and input validation failures become `INPUT.INVALID`; anything else is
 * logged and hidden behind `SYSTEM.INTERNAL`, so no stack, SQL or secret reaches a client.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown }).originalError;
  const mapped = toPitrixError(formatted, original);
  const shape = toGraphQLErrorShape(mapped ?? original);
  if (shape.extensions.code === 'SYSTEM.INTERNAL') console.error('pitrix api: unexpected error', original ?? error);
  return { message: shape.message, locations: formatted.locations, path: formatted.path, extensions: shape.extensions };
}

function toPitrixError(formatted: GraphQLFormattedError, original: unknown): PitrixError | undefined {
  if (isPitrixError(original)) return original;
  if (original instanceof HttpException && original.getStatus() === 400) return fromValidation(original);
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    return new PitrixError('INPUT.INVALID', formatted.message);
  }
  return undefined;
}

function fromValidation(exception: HttpException): PitrixError {
  const response = exception.getResponse() as { message?: string | string[] };
  const messages = Array.isArray(response.message) ? response.message : [response.message ?? exception.message];
  return new PitrixError(
    'INPUT.INVALID',
    `Invalid input: ${messages.join('; ')}`,
    messages.map((message) => ({ path: message.split(' ')[0] ?? '', message })),
  );
}
