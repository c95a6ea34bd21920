import { accountSchema } from '@pitrix/account-store';
import { agentsSchema, systemSchema, type SchemaModule } from '@pitrix/db';
import { catalogSchema } from '@pitrix/catalog-store';
import { clusterSchema } from '@pitrix/cluster-store';
import { runtimeSchema } from '@pitrix/runtime-store';

/**
 * Every module's schema, in the order their migrations run. A new module adds its `SchemaModule`
 * here (migration names carry a timestamp, so the order is also total).
 */
export const allSchemaModules: readonly SchemaModule[] = [systemSchema, runtimeSchema, clusterSchema, agentsSchema, catalogSchema, accountSchema];
