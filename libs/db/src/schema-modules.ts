import type { SchemaModule } from './schema-module.js';
import { agentsSchema } from './agents/index.js';
import { systemSchema } from './system/index.js';

/**
 * Every module's schema, in the order their migrations must run. A new module adds its
 * `SchemaModule` here; migration names carry a timestamp so the order is also total.
 */
export const allSchemaModules: readonly SchemaModule[] = [systemSchema, agentsSchema];
