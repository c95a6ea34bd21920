import { CategoryStore, DeploymentLedger, RepoEventStore, RepoStore, VersionStore } from '@pitrix/catalog-store';
import type { SecretBox } from '@pitrix/secrets';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, SECRET_BOX } from '../clients/tokens.js';

/** Factory providers of the catalog module's stores. */
export const catalogStoreProviders = [
  { provide: RepoStore, inject: [DATA_SOURCE, SECRET_BOX], useFactory: (ds: DataSource, box: SecretBox) => new RepoStore(ds, box) },
  { provide: RepoEventStore, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new RepoEventStore(ds) },
  { provide: VersionStore, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new VersionStore(ds) },
  { provide: DeploymentLedger, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new DeploymentLedger(ds) },
  { provide: CategoryStore, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new CategoryStore(ds) },
];
