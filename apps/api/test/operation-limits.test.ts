import { ApolloServer } from '@apollo/server';
import { isPitrixError } from '@pitrix/errors';
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGraphQLError } from '../src/graphql/format-error.js';
import {
  checkOperationCost,
  DEFAULT_OPERATION_LIMITS,
  estimateOperationCost,
  operationLimitRules,
  operationLimitsPlugin,
  type OperationLimits,
} from '../src/graphql/operation-limits.js';

/** Lists, connections (`first` and `page: PageInput`) and cycles, so queries can go deep. */
const schema = buildSchema(`
  type Query {
    clusters(first: Int, last: Int, after: String): ClusterConnection!
    pagedClusters(page: PageInput! = {first: 20}): ClusterConnection!
    cluster(id: ID!): Cluster
    tags: [String!]!
    events(limit: Int = 500): [Event!]!
  }
  input PageInput { first: Int! = 20 after: String }
  type ClusterConnection { edges: [ClusterEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type ClusterEdge { cursor: String! node: Cluster! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Cluster { id: ID! name: String! owner: User! nodes(first: Int): [Node!]! roles: [Role!]! }
  type Node { id: ID! status: String! role: Role! cluster: Cluster! }
  type Role { name: String! cluster: Cluster! }
  type User { id: ID! clusters(first: Int): ClusterConnection! }
  type Event { id: ID! }
`);

const limits: OperationLimits = { maxDepth: 6, maxAliases: 3, maxCost: 1000 };

function errorsOf(query: string, with_: OperationLimits = limits): readonly GraphQLError[] {
  return validate(schema, parse(query), [...specifiedRules, ...operationLimitRules(with_)]);
}

/** The limit each error names, and the number found. */
function brokenLimits(errors: readonly GraphQLError[]): Array<[string, unknown]> {
  return errors.map((error) => {
    const problems = error.extensions.problems as Array<{ found: unknown }>;
    return [/\((max\w+)\)$/.exec(error.message)?.[1] ?? error.message, problems[0]?.found];
  });
}

describe('operationLimitRules: depth, aliases and cost before execution', () => {
  it.each([
    ['a connection query 5 levels deep', '{ clusters(first: 10) { totalCount edges { node { id nodes(first: 3) { id role { name } } } } } }', []],
    ['deeper than maxDepth', '{ cluster(id: "c") { owner { clusters { edges { node { owner { id } } } } } } }', [['maxDepth', 7]]],
    ['exactly maxDepth', '{ cluster(id: "c") { owner { clusters { edges { node { id } } } } } }', []],
    ['__typename counts as a level', '{ cluster(id: "c") { owner { clusters { edges { node { __typename } } } } } }', []],
    ['__typename one level too deep', '{ cluster(id: "c") { owner { clusters { edges { node { owner { __typename } } } } } } }', [['maxDepth', 7]]],
    [
      'deep through fragments and inline fragments',
      '{ cluster(id: "c") { ...A } } fragment A on Cluster { owner { ... on User { clusters { ...B } } } } fragment B on ClusterConnection { edges { node { owner { id } } } }',
      [['maxDepth', 7]],
    ],
    ['more aliases than maxAliases', '{ a: tags b: tags c: tags d: tags }', [['maxAliases', 4]]],
    ['aliases in a fragment count at each use', '{ cluster(id: "c") { ...F x: owner { ...F2 } } } fragment F on Cluster { a: id b: name } fragment F2 on User { c: id }', [['maxAliases', 4]]],
    ['aliases across the operations of a document', 'query One { a: tags b: tags } query Two { c: tags d: tags }', [['maxAliases', 4]]],
    ['a big literal first multiplies the cost', '{ clusters(first: 500) { edges { node { id name } } } }', [['maxCost', 1502]]],
    ['a page size in an input object multiplies the cost', '{ pagedClusters(page: {first: 500}) { edges { node { id name } } } }', [['maxCost', 1502]]],
    ['nested page sizes within the limit (842)', '{ clusters(first: 20) { edges { node { nodes(first: 20) { id status } } } } }', []],
    ['nested page sizes multiply', '{ clusters(first: 30) { edges { node { nodes(first: 30) { id status } } } } }', [['maxCost', 1862]]],
    ['a list without a size counts 20 items', '{ clusters { edges { node { roles { name cluster { id name } } } } } }', [['maxCost', 1642]]],
    ['an argument’s default gives the size (limit = 500)', '{ events { id } }', []],
    ['an argument’s default and an explicit size add up', '{ events { id } more: events(limit: 499) { id } }', [['maxCost', 1001]]],
  ])('%s', (_case, query, expected) => {
    expect(brokenLimits(errorsOf(query))).toEqual(expected);
  });

  it('names the limit and both numbers in the message', () => {
    const [depth] = errorsOf('{ cluster(id: "c") { owner { clusters { edges { node { owner { id } } } } } } }');
    expect(depth?.message).toBe('The operation is 7 levels deep; the limit is 6 (maxDepth)');
    const [aliases] = errorsOf('{ a: tags b: tags c: tags d: tags }');
    expect(aliases?.message).toBe('The operation has 4 aliases; the limit is 3 (maxAliases)');
    const [cost] = errorsOf('{ clusters(first: 500) { edges { node { id name } } } }');
    expect(cost?.message).toBe('The operation costs an estimated 1502; the limit is 1000 (maxCost)');
  });

  it('reports INPUT.INVALID with a problem on the query, carrying a Pitrix error for format-error', () => {
    const [error] = errorsOf('{ a: tags b: tags c: tags d: tags }');
    expect(error?.extensions).toEqual({
      code: 'INPUT.INVALID',
      problems: [{ path: 'query', message: 'too many aliases', expected: 'at most 3', found: 4 }],
    });
    expect(isPitrixError(error?.originalError)).toBe(true);
    expect(error?.originalError).toMatchObject({ code: 'INPUT.INVALID', problems: error?.extensions.problems });
  });

  it('terminates on fragment cycles (graphql reports the cycle itself)', () => {
    const errors = errorsOf('{ cluster(id: "c") { ...A } } fragment A on Cluster { owner { clusters { edges { node { ...B } } } } } fragment B on Cluster { ...A }');
    expect(errors.map((e) => e.message)).toContain('Cannot spread fragment "A" within itself via "B".');
  });

  it('measures fragments spread exponentially many times in linear time, counting each use', () => {
    // F0 spreads F1 ten times, F1 spreads F2 ten times, ...: 10^8 uses of F8's alias.
    const levels = Array.from({ length: 8 }, (_, i) => `fragment F${i} on Query { ${Array.from({ length: 10 }, () => `...F${i + 1}`).join(' ')} }`);
    const query = `{ ...F0 } ${levels.join(' ')} fragment F8 on Query { x: tags }`;
    const started = Date.now();
    const errors = errorsOf(query, DEFAULT_OPERATION_LIMITS);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(brokenLimits(errors)).toEqual([['maxAliases', 1e8], ['maxCost', 1e8]]);
  });

  it('lets the standard introspection query (15 levels deep) through the default limits', () => {
    const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    expect(errorsOf(query, DEFAULT_OPERATION_LIMITS)).toEqual([]);
    expect(brokenLimits(errorsOf(query, { ...DEFAULT_OPERATION_LIMITS, maxDepth: 14 }))).toEqual([['maxDepth', 15]]);
  });
});

describe('cost with variables: the least they can be in validation, their values per request', () => {
  const byVariable = 'query($n: Int) { clusters(first: $n) { edges { node { id name } } } }';
  const byPage = 'query($page: PageInput) { pagedClusters(page: $page) { edges { node { id name } } } }';
  const byDefault = 'query($n: Int = 500) { clusters(first: $n) { edges { node { id name } } } }';

  it.each([
    ['a variable first passes validation whatever it will be', byVariable],
    ['a variable page passes validation whatever it will be', byPage],
    ['a variable with a big default passes validation (the request may give less)', byDefault],
  ])('%s', (_case, query) => {
    expect(errorsOf(query)).toEqual([]);
  });

  it.each([
    ['a small first', byVariable, { n: 10 }, 32],
    ['a big first', byVariable, { n: 500 }, 1502],
    ['first left out: 20 (a list without a size)', byVariable, {}, 62],
    ['first null: 20', byVariable, { n: null }, 62],
    ['the variable’s default when the request leaves it out', byDefault, {}, 1502],
    ['the request’s value over the variable’s default', byDefault, { n: 2 }, 8],
    ['a page object', byPage, { page: { first: 400 } }, 1202],
    ['a page object without first: PageInput’s default', byPage, { page: {} }, 62],
    ['no page: the argument’s default', byPage, {}, 62],
    ['a literal page with a variable first', 'query($f: Int!) { pagedClusters(page: {first: $f}) { edges { node { id } } } }', { f: 300 }, 602],
  ])('%s', (_case, query, variables, cost) => {
    const document = parse(query);
    expect(estimateOperationCost(schema, document, undefined, variables)).toBe(cost);
    const error = checkOperationCost(document, undefined, variables, schema, limits);
    expect(error?.extensions.code).toBe(cost > limits.maxCost ? 'INPUT.INVALID' : undefined);
    expect(error?.extensions.problems).toEqual(cost > limits.maxCost ? [{ path: 'query', message: 'too expensive', expected: 'at most 1000', found: cost }] : undefined);
  });

  it('checks the named operation of a document', () => {
    const document = parse('query Small { tags } query Big($n: Int) { clusters(first: $n) { edges { node { id } } } }');
    expect(checkOperationCost(document, 'Small', { n: 5000 }, schema, limits)).toBeUndefined();
    expect(checkOperationCost(document, 'Big', { n: 5000 }, schema, limits)?.message).toBe('The operation costs an estimated 10002; the limit is 1000 (maxCost)');
  });
});

describe('through Apollo Server and formatGraphQLError', () => {
  const server = new ApolloServer({
    schema,
    validationRules: operationLimitRules(limits),
    plugins: [operationLimitsPlugin(limits)],
    formatError: formatGraphQLError,
    rootValue: { clusters: () => ({ totalCount: 0, edges: [] }) },
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  async function run(query: string, variables?: Record<string, unknown>) {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, errors: response.body.singleResult.errors };
  }

  it.each([
    ['too deep, in validation', '{ cluster(id: "c") { owner { clusters { edges { node { owner { id } } } } } } }', undefined, 'too deep', 7],
    ['too many aliases, in validation', '{ a: tags b: tags c: tags d: tags }', undefined, 'too many aliases', 4],
    ['too expensive with literals, in validation', '{ clusters(first: 500) { edges { node { id name } } } }', undefined, 'too expensive', 1502],
    ['too expensive with the request’s variables, in the plugin', 'query($n: Int) { clusters(first: $n) { edges { node { id name } } } }', { n: 500 }, 'too expensive', 1502],
  ])('%s: INPUT.INVALID with its problem, HTTP 400', async (_case, query, variables, problem, found) => {
    const { status, errors } = await run(query, variables);
    expect(status).toBe(400);
    expect(errors).toHaveLength(1);
    expect(errors?.[0]?.extensions).toEqual({ code: 'INPUT.INVALID', problems: [expect.objectContaining({ path: 'query', message: problem, found })] });
  });

  it('runs an operation within the limits', async () => {
    const response = await server.executeOperation({ query: 'query($n: Int) { clusters(first: $n) { totalCount } }', variables: { n: 5 } });
    expect(response.body).toEqual({ kind: 'single', singleResult: { data: { clusters: { totalCount: 0 } } } });
  });
});
