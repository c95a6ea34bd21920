import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { ApiConfig } from '@pitrix/config';
import { closeClients, type ApiClients } from './connect-clients.js';
import { createProviderRegistry } from '@pitrix/provider-registry';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { HelmCli } from '@pitrix/helm';
import { API_CONFIG, DATA_SOURCE, HELM_CLI, NATS_CONNECTION, PROVIDER_REGISTRY, SECRET_BOX, TEMPORAL_CLIENT } from './tokens.js';

const CLIENTS = Symbol('CLIENTS');

/** Provides the parsed config, the connected clients, the provider registry, the secret box and helm. */
@Global()
@Module({})
export class ClientsModule implements OnApplicationShutdown {
  constructor(@Inject(CLIENTS) private readonly clients: ApiClients) {}

  static forRoot(config: ApiConfig, clients: ApiClients): DynamicModule {
    return {
      module: ClientsModule,
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: CLIENTS, useValue: clients },
        { provide: DATA_SOURCE, useValue: clients.dataSource },
        { provide: TEMPORAL_CLIENT, useValue: clients.temporal },
        { provide: NATS_CONNECTION, useValue: clients.nats },
        { provide: PROVIDER_REGISTRY, useValue: createProviderRegistry({ ...config.providers, helmBinary: config.package.helmBinary }) },
        { provide: SECRET_BOX, useValue: new SecretBox(parseKeyRing(config.secrets.keys)) },
        { provide: HELM_CLI, useValue: new HelmCli(config.package.helmBinary) },
      ],
      exports: [API_CONFIG, DATA_SOURCE, TEMPORAL_CLIENT, NATS_CONNECTION, PROVIDER_REGISTRY, SECRET_BOX, HELM_CLI],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await closeClients(this.clients);
  }
}
