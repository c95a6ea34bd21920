import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';

/**
 * Hands every resolver error to GraphQL unchanged, so `formatGraphQLError` maps it once; without
 * it Nest logs expected errors (not found, bad input) as if they were crashes.
 */
@Catch()
export class PassThroughExceptionFilter implements GqlExceptionFilter {
  catch(exception: unknown): unknown {
    return exception;
  }
}
