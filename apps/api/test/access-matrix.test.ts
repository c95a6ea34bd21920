import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATION_RULES, type OperationType } from '../src/access/index.js';
import { matrixRow } from '../src/access/matrix-doc.js';

const SRC = join(__dirname, '..', 'src');
const TYPES: OperationType[] = ['Query', 'Mutation', 'Subscription'];

/** Every resolver class of the API, found by file name, so a new resolver file is covered at once. */
async function resolverClasses(): Promise<Array<new (...args: never[]) => unknown>> {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.resolver.ts'));
  const modules = await Promise.all(files.map((file) => import(join(SRC, file)) as Promise<Record<string, unknown>>));
  return modules.flatMap((exports) => Object.entries(exports).filter(([name, value]) => name.endsWith('Resolver') && typeof value === 'function').map(([, value]) => value as new () => unknown));
}

describe('the access matrix', () => {
  it('has an entry for every query, mutation and subscription of the schema, and none for operations that do not exist', async () => {
    const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
    await app.init();
    const schema = await app.get(GraphQLSchemaFactory).create(await resolverClasses());
    await app.close();
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
