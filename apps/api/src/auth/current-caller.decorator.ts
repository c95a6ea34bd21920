import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { PitrixError } from '@pitrix/errors';
import type { Caller } from '../access/index.js';
import type { RequestContext } from './request-context.js';

/** Injects the operation's authenticated caller (the access guard has already refused anonymous calls). */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const { caller } = GqlExecutionContext.create(context).getContext<RequestContext>();
  if (!caller) throw new PitrixError('AUTH.UNAUTHENTICATED', 'Sign in first: send a session cookie or an access token (Authorization: Bearer …)');
  return caller;
});
