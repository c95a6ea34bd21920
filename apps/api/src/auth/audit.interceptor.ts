import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { AccountStore } from '@pitrix/account-store';
import { isPitrixError } from '@pitrix/errors';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { isAdmin, isAdminOnly, ruleFor, type OperationType } from '../access/index.js';
import { ACCOUNT_STORE } from './account-store.provider.js';
import type { RequestContext } from './request-context.js';

/** Argument names that may hold a secret: never copied into the audit log. */
const SECRET_ARGUMENTS = /password|secret|token|key|credential|archive|package/i;

/**
 * Writes admin-only mutations, every mutation an admin runs, and reads of raw workflow history to
 * the security audit log with
 * their outcome: who, from where, on what (ids only, never a secret).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(@Inject(ACCOUNT_STORE) private readonly accounts: AccountStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<{ parentType: { name: string }; fieldName: string }>();
    const type = info.parentType.name as OperationType;
    const rule = type === 'Query' || type === 'Mutation' ? ruleFor(type, info.fieldName) : undefined;
    const { caller, sourceAddress } = gql.getContext<RequestContext>();
    // Mutations that need admin, or that an admin runs; of the reads only raw workflow history
    // (the admin's own listings would drown the log).
    if (!rule || !caller) return next.handle();
    const audited = type === 'Mutation' ? isAdminOnly(rule) || isAdmin(caller) : info.fieldName === 'jobHistory';
    if (!audited) return next.handle();
    const target = targetOf(gql.getArgs<Record<string, unknown>>());
    const record = (outcome: 'success' | 'failure', details?: Record<string, unknown>) =>
      this.accounts.recordEvent({ action: `${type.toLowerCase()}.${info.fieldName}`, outcome, actorId: caller.userId, actorLogin: caller.login, target, sourceAddress, details });
    return next.handle().pipe(
      mergeMap((result: unknown) => from(record('success').then(() => result))),
      catchError((err: unknown) => from(record('failure', { code: isPitrixError(err) ? err.code : 'SYSTEM.INTERNAL' })).pipe(mergeMap(() => throwError(() => err)))),
    );
  }
}

/** The ids an operation names (`id`, `clusterId`, `input.name`…), without anything secret. */
function targetOf(args: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  const visit = (value: unknown, path: string, depth: number) => {
    if (depth > 2 || parts.length >= 5) return;
    if (typeof value === 'string' && /(^|\.)(id|[a-z]+Id|name|login|provider)$/.test(path) && value.length <= 200) parts.push(`${path}=${value}`);
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) if (!SECRET_ARGUMENTS.test(key)) visit(inner, path ? `${path}.${key}` : key, depth + 1);
    }
  };
  visit(args, '', 0);
  return parts.length > 0 ? parts.join(' ') : undefined;
}
