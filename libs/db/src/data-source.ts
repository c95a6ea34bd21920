import 'reflect-metadata';
import { redactUrl } from '@pitrix/config';
import { PitrixError } from '@pitrix/errors';
import { DataSource } from 'typeorm';
import { collect, type SchemaModule } from './schema-module.js';

/** What a DataSource needs: the URL and pool size from config, and which modules to map. */
export interface DataSourceOptions {
  readonly url: string;
  readonly poolSize: number;
  /** Which modules' entities and migrations to map (usually every module: `@pitrix/schemas`). */
  readonly modules: readonly SchemaModule[];
  readonly applicationName?: string;
}

/** Table that records applied migrations (in the public schema, shared by every module). */
export const MIGRATIONS_TABLE = 'pitrix_migrations';

/** Creates (does not connect) a DataSource over the given modules' schemas; `synchronize` is always off. */
export function createDataSource(options: DataSourceOptions): DataSource {
  const { entities, migrations } = collect(options.modules);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities,
    migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    applicationName: options.applicationName ?? 'pitrix',
    extra: { max: options.poolSize },
  });
}

/**
 * Connects, turning a connection failure into `SYSTEM.DEPENDENCY_UNAVAILABLE` that names the
 * setting and the (password-free) address instead of a raw driver error.
 */
export async function connectDataSource(dataSource: DataSource, setting = 'PITRIX_DATABASE_URL'): Promise<DataSource> {
  try {
    return await dataSource.initialize();
  } catch (err) {
    const url = (dataSource.options as { url?: string }).url ?? '';
    throw new PitrixError(
      'SYSTEM.DEPENDENCY_UNAVAILABLE',
      `${setting}: cannot connect to PostgreSQL at ${redactUrl(url)}: ${describe(err)}`,
      [],
      { cause: err },
    );
  }
}

/** Applies pending migrations; returns the names of those applied. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}

function describe(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return describe(err.errors[0]);
  if (err instanceof Error) return (err as { code?: string }).code ?? err.message;
  return String(err);
}
