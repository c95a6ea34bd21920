import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

type ResolverClass = new (...args: never[]) => unknown;

/** The API's source (or built) folder: resolvers are found there by file name. */
const API_ROOT = join(__dirname, '..');

/**
 * Every resolver class of the API, found by file name (`*.resolver.ts`, or `.js` when built), so a
 * new resolver is part of the schema, the access matrix and the committed schema file at once.
 */
export async function apiResolverClasses(): Promise<ResolverClass[]> {
  const files = readdirSync(API_ROOT, { recursive: true, encoding: 'utf8' }).filter((file) => /\.resolver\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'));
  const modules = await Promise.all(files.map((file) => import(join(API_ROOT, file)) as Promise<Record<string, unknown>>));
  return modules.flatMap((exports) => Object.entries(exports).filter(([name, value]) => name.endsWith('Resolver') && typeof value === 'function').map(([, value]) => value as ResolverClass));
}

/** The API's GraphQL schema built from its resolvers, without starting the API. */
export async function buildApiSchema(): Promise<GraphQLSchema> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  try {
    return await app.get(GraphQLSchemaFactory).create(await apiResolverClasses());
  } finally {
    await app.close();
  }
}

/** The schema as SDL, sorted as the API serves it: the dashboard's typed documents are checked against this text. */
export async function printApiSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildApiSchema()))}\n`;
}
