import { CredentialStore, RuntimeStore } from '@pitrix/runtime-store';
import type { SecretBox } from '@pitrix/secrets';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, SECRET_BOX } from '../clients/tokens.js';

/** Factory providers of the runtime module's stores. */
export const runtimeStoreProviders = [
  { provide: CredentialStore, inject: [DATA_SOURCE, SECRET_BOX], useFactory: (ds: DataSource, box: SecretBox) => new CredentialStore(ds, box) },
  { provide: RuntimeStore, inject: [DATA_SOURCE, CredentialStore], useFactory: (ds: DataSource, creds: CredentialStore) => new RuntimeStore(ds, creds) },
];

/** What the cluster module tells the runtime module: how many clusters live on a runtime. */
export interface RuntimeReferences {
  clustersOn(runtimeId: string): Promise<number>;
}

/** Injection token of `RuntimeReferences`. */
export const RUNTIME_REFERENCES = Symbol('RUNTIME_REFERENCES');
