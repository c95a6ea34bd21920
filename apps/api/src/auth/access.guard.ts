import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { AccountStore } from '@pitrix/account-store';
import { isPitrixError } from '@pitrix/errors';
import { authorizeOperation, isAdminOnly, ruleFor, type OperationType } from '../access/index.js';
import { ACCOUNT_STORE } from './account-store.provider.js';
import type { RequestContext } from './request-context.js';

const ROOT_TYPES = new Set<string>(['Query', 'Mutation', 'Subscription']);

/**
 * Runs the access matrix before every root field of every operation (queries, mutations and
 * subscriptions alike): no credential is `AUTH.UNAUTHENTICATED`, a missing role `AUTH.FORBIDDEN`.
 * A refused admin-only operation is written to the audit log.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(@Inject(ACCOUNT_STORE) private readonly accounts: AccountStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<{ parentType: { name: string }; fieldName: string }>();
    if (!ROOT_TYPES.has(info.parentType.name)) return true;
    const type = info.parentType.name as OperationType;
    const { caller, sourceAddress } = gql.getContext<RequestContext>();
    try {
      authorizeOperation(caller, type, info.fieldName);
    } catch (err) {
      const rule = ruleFor(type, info.fieldName);
      if (caller && rule && isAdminOnly(rule) && isPitrixError(err)) {
        await this.accounts.recordEvent({ action: `${type.toLowerCase()}.${info.fieldName}`, outcome: 'failure', actorId: caller.userId, actorLogin: caller.login, sourceAddress, details: { code: err.code } });
      }
      throw err;
    }
    return true;
  }
}
