import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { callerFromHeaders, type Caller } from './caller.js';

/** Injects the request's caller into a resolver method. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const { req, caller } = GqlExecutionContext.create(context).getContext<{ req?: { headers: Record<string, string> }; caller?: Caller }>();
  return caller ?? callerFromHeaders(req?.headers ?? {});
});
