import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { finalize, type Observable } from 'rxjs';
import { AppListCache } from './app-list-cache.js';

/**
 * Clears the cached app-list pages when a catalog mutation ends (committed or failed), so every
 * read that starts after a write sees it.
 */
@Injectable()
export class CatalogWritesInterceptor implements NestInterceptor {
  constructor(private readonly appList: AppListCache) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const info = context.getType<string>() === 'graphql' ? GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>() : undefined;
    if (info?.operation.operation !== 'mutation') return next.handle();
    return next.handle().pipe(finalize(() => this.appList.clear()));
  }
}
