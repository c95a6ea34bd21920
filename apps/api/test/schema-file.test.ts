import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printApiSchema } from '../src/graphql/api-schema.js';

describe('the committed schema.graphql', () => {
  it('is the schema the resolvers build (run `npm run schema -w @pitrix/api` after changing the API)', async () => {
    const committed = readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8');
    expect(committed === (await printApiSchema()), 'apps/api/schema.graphql is stale: run `npm run schema -w @pitrix/api`').toBe(true);
  });
});
