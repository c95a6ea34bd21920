import { Global, Module } from '@nestjs/common';
import { ClusterEventStore, ClusterLinks, ClusterReadModel, JobSpecStore } from '@pitrix/cluster-store';
import type { SecretBox } from '@pitrix/secrets';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, SECRET_BOX } from '../clients/tokens.js';
import { RUNTIME_REFERENCES, type RuntimeReferences } from '../runtime/runtime-stores.provider.js';

/** Factory providers of the cluster module's stores. */
export const clusterStoreProviders = [
  { provide: ClusterReadModel, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new ClusterReadModel(ds) },
  { provide: ClusterLinks, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new ClusterLinks(ds) },
  { provide: ClusterEventStore, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new ClusterEventStore(ds) },
  { provide: JobSpecStore, inject: [DATA_SOURCE, SECRET_BOX], useFactory: (ds: DataSource, box: SecretBox) => new JobSpecStore(ds, box) },
];

/**
 * Tells the runtime module how many clusters live on a runtime (so a runtime in use cannot be
 * deleted). Global because the runtime module cannot import the cluster module, which uses it.
 */
@Global()
@Module({
  providers: [
    {
      provide: RUNTIME_REFERENCES,
      inject: [DATA_SOURCE],
      useFactory: (ds: DataSource): RuntimeReferences => {
        const reads = new ClusterReadModel(ds);
        return { clustersOn: (runtimeId) => reads.clustersOnRuntime(runtimeId) };
      },
    },
  ],
  exports: [RUNTIME_REFERENCES],
})
export class ClusterReferencesModule {}
