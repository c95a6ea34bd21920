export { connectDataSource, createDataSource, MIGRATIONS_TABLE, runMigrations } from './data-source.js';
export type { DataSourceOptions } from './data-source.js';
export { dropDatabase, ensureDatabase } from './ensure-database.js';
export type { SchemaModule } from './schema-module.js';
export { SkeletonRunEntity, systemSchema } from './system/index.js';
export { agentsSchema, FrontgateHealthEntity, NODE_HEALTH_CHANNEL, NodeHealthEntity } from './agents/index.js';
