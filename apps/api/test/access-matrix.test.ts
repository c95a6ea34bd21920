import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATION_RULES, type OperationType } from '../src/access/index.js';
import { matrixRow } from '../src/access/matrix-doc.js';
import { buildApiSchema } from '../src/graphql/api-schema.js';

const TYPES: OperationType[] = ['Query', 'Mutation', 'Subscription'];

describe('the access matrix', () => {
  it('has an entry for every query, mutation and subscription of the schema, and none for operations that do not exist', async () => {
    const schema = await buildApiSchema();
    for (const type of TYPES) {
      const root = type === 'Query' ? schema.getQueryType() : type === 'Mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      const fields = Object.keys(root?.getFields() ?? {}).sort();
      expect(fields.length, type).toBeGreaterThan(0);
      expect(Object.keys(OPERATION_RULES[type]).sort(), `${type} operations without an access rule, or rules for operations that do not exist`).toEqual(fields);
    }
  });

  it('is documented, row for row, in docs/access.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'access.md'), 'utf8');
    for (const type of TYPES) {
      for (const [field, rule] of Object.entries(OPERATION_RULES[type])) expect(doc, `${type}.${field}`).toContain(matrixRow(type, field, rule));
    }
  });
});
