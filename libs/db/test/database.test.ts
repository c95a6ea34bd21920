import { isPitrixError } from '@pitrix/errors';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDataSource, createDataSource, dropDatabase, ensureDatabase, MIGRATIONS_TABLE, runMigrations, SkeletonRunEntity, systemSchema } from '../src/index.js';

const baseUrl = process.env.PITRIX_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const url = new URL(baseUrl);
url.pathname = `/pitrix_test_db_${randomBytes(4).toString('hex')}`;
const testUrl = url.toString();

describe('database set-up on the real PostgreSQL', () => {
  afterAll(() => dropDatabase(testUrl));

  it('creates the database once, then finds it', async () => {
    expect(await ensureDatabase(testUrl)).toBe(true);
    expect(await ensureDatabase(testUrl)).toBe(false);
  });

  it('applies every migration once and records it; a second run applies nothing', async () => {
    const dataSource = await connectDataSource(createDataSource({ url: testUrl, poolSize: 2, modules: [systemSchema] }));
    try {
      const first = await runMigrations(dataSource);
      expect(first).toContain('SystemInit1732600000000');
      expect(await runMigrations(dataSource)).toEqual([]);
      const recorded = (await dataSource.query(`SELECT name FROM ${MIGRATIONS_TABLE}`)) as Array<{ name: string }>;
      expect(recorded.map((row) => row.name)).toEqual(first);
      await dataSource.getRepository(SkeletonRunEntity).insert({ runId: 'r1', workflowId: 'w1', message: 'm', attempt: 1 });
      expect(await dataSource.getRepository(SkeletonRunEntity).countBy({ runId: 'r1' })).toBe(1);
    } finally {
      await dataSource.destroy();
    }
  });

  it('never synchronizes the schema from entities', () => {
    expect(createDataSource({ url: testUrl, poolSize: 1, modules: [systemSchema] }).options.synchronize).toBe(false);
  });

  it('an unreachable server is reported naming the setting, without the password', async () => {
    const unreachable = 'postgres://pitrix:topsecret@127.0.0.1:1/pitrix';
    const error = await connectDataSource(createDataSource({ url: unreachable, poolSize: 1, modules: [systemSchema] })).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isPitrixError(error)).toBe(true);
    expect((error as Error).message).toContain('PITRIX_DATABASE_URL');
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect((error as Error).message).not.toContain('topsecret');
  });
});
