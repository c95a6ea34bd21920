import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { ApiConfig } from '@pitrix/config';
import { specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { Caller } from './access/index.js';
import { AuthModule } from './auth/auth.module.js';
import { Authenticator } from './auth/authenticator.js';
import { sourceOf } from './auth/auth.controller.js';
import type { RequestContext } from './auth/request-context.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { ClientsModule } from './clients/clients.module.js';
import { ClusterReferencesModule } from './cluster/cluster-stores.provider.js';
import { ClusterModule } from './cluster/cluster.module.js';
import { MonitoringModule } from './monitoring/monitoring.module.js';
import { KeysModule } from './keys/keys.module.js';
import type { ApiClients } from './clients/connect-clients.js';
import { largeBodyOperationPlugin } from './graphql/body-limit.js';
import { formatGraphQLError } from './graphql/format-error.js';
import { DEFAULT_OPERATION_LIMITS, operationLimitRules, operationLimitsPlugin } from './graphql/operation-limits.js';
import { RuntimeModule } from './runtime/runtime.module.js';
import { SystemModule } from './system/system.module.js';

type ApolloPlugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/** What graphql-ws hands the context function and onConnect of a subscription. */
interface SubscriptionContext {
  readonly connectionParams?: Record<string, unknown>;
  readonly extra: { readonly request: IncomingMessage; caller?: Caller };
}

/**
 * The credential of a WebSocket connection: a token in its connection params, or the session
 * cookie of its upgrade request. Only these: no other header or param names a caller.
 */
function subscriptionHeaders(context: SubscriptionContext): Record<string, unknown> {
  const params = context.connectionParams ?? {};
  const authorization = params['authorization'] ?? params['Authorization'];
  return typeof authorization === 'string' ? { authorization } : { cookie: context.extra.request.headers.cookie };
}

/** The root module: clients, accounts and access, GraphQL (code-first, graphql-ws) and feature modules. */
@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, clients: ApiClients): DynamicModule {
    const devMode = config.auth.devMode;
    return {
      module: AppModule,
      imports: [
        ClientsModule.forRoot(config, clients),
        AuthModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [Authenticator],
          useFactory: (authenticator: Authenticator) => ({
            autoSchemaFile: true,
            sortSchema: true,
            // Introspection and the GraphiQL page describe the whole API to anyone who asks:
            // only a development installation serves them.
            graphiql: devMode,
            playground: false,
            introspection: devMode,
            csrfPrevention: true,
            // Depth, aliases and estimated cost are checked before execution (variables, per request).
            validationRules: operationLimitRules(DEFAULT_OPERATION_LIMITS),
            subscriptions: {
              'graphql-ws': {
                // Subscriptions bypass Apollo's validation rules: the same limits are added here.
                validate: (schema: GraphQLSchema, document: DocumentNode) => validate(schema, document, [...specifiedRules, ...operationLimitRules(DEFAULT_OPERATION_LIMITS)]),
                onConnect: async (context: { connectionParams?: Record<string, unknown>; extra: unknown }) => {
                  const connection = context as SubscriptionContext;
                  const caller = await authenticator.fromHeaders(subscriptionHeaders(connection));
                  if (!caller) return false;
                  connection.extra.caller = caller;
                  return true;
                },
              },
            },
            formatError: formatGraphQLError,
            context: async (context: { req?: IncomingMessage; extra?: SubscriptionContext['extra'] }): Promise<RequestContext> => {
              if (context.req) return { req: context.req, caller: await authenticator.fromHeaders(context.req.headers), sourceAddress: sourceOf(context.req) };
              return { caller: context.extra?.caller, sourceAddress: context.extra ? sourceOf(context.extra.request) : undefined };
            },
            // No field sets cache hints; the default cache-control plugin would still wrap every
            // field's resolver to compute a policy for each response. (The casts bridge the CommonJS
            // and ESM type declarations of @apollo/server; Apollo recognises plugins by their id.)
            plugins: [
              ApolloServerPluginCacheControlDisabled() as unknown as ApolloPlugin,
              largeBodyOperationPlugin() as unknown as ApolloPlugin,
              operationLimitsPlugin(DEFAULT_OPERATION_LIMITS) as unknown as ApolloPlugin,
              ...(devMode ? [] : [ApolloServerPluginLandingPageDisabled() as unknown as ApolloPlugin]),
            ],
          }),
        }),
        SystemModule,
        RuntimeModule,
        ClusterReferencesModule,
        ClusterModule,
        MonitoringModule,
        CatalogModule,
        KeysModule,
      ],
    };
  }
}
