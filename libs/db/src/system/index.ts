import { SystemInit1732600000000 } from './1732600000000-system-init.js';
import { SkeletonRunEntity } from './skeleton-run.entity.js';
import type { SchemaModule } from '../schema-module.js';

/** The `system` schema: platform-internal tables. */
export const systemSchema: SchemaModule = {
  schema: 'system',
  entities: [SkeletonRunEntity],
  migrations: [SystemInit1732600000000],
};

export { SkeletonRunEntity };
