import { redactUrl } from '@pitrix/config';
import { PitrixError } from '@pitrix/errors';
import { Client } from 'pg';

/**
 * Creates the database named in `url` when it does not exist, connecting to the server's
 * `postgres` database to do so. Returns true when it created it.
 */
export async function ensureDatabase(url: string, setting = 'PITRIX_DATABASE_URL'): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new PitrixError('CONFIG.INVALID', `${setting}: database name ${JSON.stringify(name)} must be letters, digits, _ or -`);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  try {
    await client.connect();
  } catch (err) {
    throw new PitrixError(
      'SYSTEM.DEPENDENCY_UNAVAILABLE',
      `${setting}: cannot connect to PostgreSQL at ${redactUrl(url)}: ${(err as { code?: string }).code ?? (err as Error).message}`,
      [],
      { cause: err },
    );
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } catch (err) {
      // Another process created it between the check and the create.
      if ((err as { code?: string }).code === '42P04') return false;
      throw err;
    }
    return true;
  } finally {
    await client.end();
  }
}

/** Drops a database (used by tests for their throwaway databases). */
export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
