import { connectDataSource, createDataSource, dropDatabase, ensureDatabase, runMigrations, type SchemaModule } from '@pitrix/db';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** A throwaway, fully migrated database for one test file. */
export interface TestDatabase {
  readonly url: string;
  readonly dataSource: DataSource;
  drop(): Promise<void>;
}

/** Base URL of the test PostgreSQL server (the machine's local server by default). */
export function testPostgresBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.PITRIX_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/**
 * Creates a fresh database named after `label`, applies the migrations of `modules` (usually
 * `allSchemaModules` from `@pitrix/schemas`) and connects to it.
 */
export async function createTestDatabase(label: string, modules: readonly SchemaModule[]): Promise<TestDatabase> {
  const url = new URL(testPostgresBaseUrl());
  const suffix = randomBytes(4).toString('hex');
  url.pathname = `/pitrix_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${suffix}`;
  await ensureDatabase(url.toString());
  const dataSource = await connectDataSource(createDataSource({ url: url.toString(), poolSize: 5, modules, applicationName: `test-${label}` }));
  await runMigrations(dataSource);
  return {
    url: url.toString(),
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await dropDatabase(url.toString());
    },
  };
}
