import { RuntimeInit1732700000000 } from './1732700000000-runtime-init.js';
import { RuntimeHealing1732700000001 } from './1732700000001-runtime-healing.js';
import { CredentialEntity, RuntimeEntity } from './entities.js';

/** The `runtime` schema: runtimes, credentials and runtimes' healing. */
export const runtimeSchema = {
  schema: 'runtime',
  entities: [CredentialEntity, RuntimeEntity],
  migrations: [RuntimeInit1732700000000, RuntimeHealing1732700000001],
};
