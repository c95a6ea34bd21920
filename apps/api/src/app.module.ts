import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { ApiConfig } from '@pitrix/config';
import { CatalogModule } from './catalog/catalog.module.js';
import { ClientsModule } from './clients/clients.module.js';
import { ClusterReferencesModule } from './cluster/cluster-stores.provider.js';
import { ClusterModule } from './cluster/cluster.module.js';
import type { ApiClients } from './clients/connect-clients.js';
import { formatGraphQLError } from './graphql/format-error.js';
import { RuntimeModule } from './runtime/runtime.module.js';
import { SystemModule } from './system/system.module.js';

type ApolloPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/**
 * The caller's headers for every operation: from the HTTP request, or for a graphql-ws
 * subscription from its connection params (falling back to the upgrade request's headers).
 */
function requestContext(context: { req?: unknown; connectionParams?: Record<string, unknown>; extra?: { request?: { headers?: Record<string, unknown> } } }) {
  if (context.req) return { req: context.req };
  const params = Object.fromEntries(Object.entries(context.connectionParams ?? {}).map(([key, value]) => [key.toLowerCase(), value]));
  return { req: { headers: { ...context.extra?.request?.headers, ...params } } };
}

/** The root module: clients, GraphQL (code-first, graphql-ws subscriptions) and feature modules. */
@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, clients: ApiClients): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ClientsModule.forRoot(config, clients),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          sortSchema: true,
          graphiql: true,
          subscriptions: { 'graphql-ws': true },
          formatError: formatGraphQLError,
          context: requestContext,
          // No field sets cache hints; the default cache-control plugin would still wrap every
          // field's resolver to compute a policy for each response. (The cast bridges the CommonJS
          // and ESM type declarations of @apollo/server; Apollo recognises the plugin by its id.)
          plugins: [ApolloServerPluginCacheControlDisabled() as unknown as ApolloPlugin],
        }),
        SystemModule,
        RuntimeModule,
        ClusterReferencesModule,
        ClusterModule,
        CatalogModule,
      ],
    };
  }
}
