import { RuntimeInit1732700000000 } from './1732700000000-runtime-init.js';
import { CredentialEntity, RuntimeEntity } from './entities.js';

/** The `runtime` schema: runtimes and credentials. */
export const runtimeSchema = {
  schema: 'runtime',
  entities: [CredentialEntity, RuntimeEntity],
  migrations: [RuntimeInit1732700000000],
};
