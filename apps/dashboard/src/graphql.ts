import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.js';

/**
 * GraphQL documents typed against the API's committed schema.graphql: a field that does not exist
 * fails `gql-tada check` (run by the build), not the browser.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { JSONObject: Record<string, unknown>; DateTime: string; ID: string };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
