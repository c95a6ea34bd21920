import type { ApolloServerPlugin } from '@apollo/server';
import { PitrixError, type Problem } from '@pitrix/errors';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

/** What one GraphQL operation may ask for, checked before anything runs. */
export interface OperationLimits {
  /** Deepest selection path, in fields (fragments expanded; `__typename` and introspection count). */
  readonly maxDepth: number;
  /** Aliased fields in the whole document, a fragment counted each time it is spread. */
  readonly maxAliases: number;
  /** Estimated fields resolved: each field 1, times the page or list sizes of the lists around it. */
  readonly maxCost: number;
}

/**
 * - `maxDepth` 15: the deepest legitimate Pitrix query is about 8 levels
 *   (`clusters { edges { node { nodes { … } } } }` with a nested object or two), but the standard
 *   introspection query of graphql 16 (`getIntrospectionQuery()`, sent by GraphiQL, which the API
 *   serves, and by codegen tools) is exactly 15 deep: `__schema types fields args type`, then
 *   `TypeRef`'s nine nested `ofType`. Introspection counts like any field, so 15 is the lowest limit
 *   that keeps it working. The schema has no cycles, so only crafted queries go deeper.
 * - `maxAliases` 30: clients alias to fetch a few objects side by side (`a: cluster(id:) b: cluster(id:)`);
 *   dozens is the batching pattern that multiplies one expensive field or brute-forces.
 * - `maxCost` 1 200 000: the CLI's lists, at the largest page `PageInput` accepts (200), estimate
 *   3 200 (clusters), 19 400 (repos), 22 800 (repo events) and 59 600 for clusters with their
 *   nodes and roles — but `pitrix job list` selects every job's `layers { tasks { … } }`, two lists
 *   without a size, so 20 × 20 tasks a job: 263 000 at its default `--limit 50` and 1 053 000 at 200.
 *   The limit admits that with some room; it still stops aliased copies of such a list and every
 *   query that multiplies nested lists further. (Trimming the job list's selection would allow
 *   a limit near 100 000.)
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = Object.freeze({ maxDepth: 15, maxAliases: 30, maxCost: 1_200_000 });

/** Size assumed for a list or connection field whose page size no argument gives. */
export const DEFAULT_LIST_SIZE = 20;

/** Arguments (or fields of an input-object argument such as `page: PageInput`) giving a list's size. */
const SIZE_ARGUMENTS: ReadonlySet<string> = new Set(['first', 'last', 'limit']);

/** Fields of a connection type that hold its page (Relay's `edges`, and the `nodes` shortcut). */
const PAGE_FIELDS: ReadonlySet<string> = new Set(['edges', 'nodes']);

const INTROSPECTION_ROOTS: ReadonlySet<string> = new Set(['__schema', '__type']);

/** A variable whose value validation cannot know (the request's values come later). */
const UNKNOWN = Symbol('unknown variable');

/**
 * GraphQL validation rules (Apollo's `validationRules`) for depth, aliases and cost.
 *
 * Depth and aliases do not depend on variables, so they are checked here, once per document
 * (Apollo caches validated documents). Cost does: a page size is usually a variable
 * (`$page: PageInput`), which validation cannot see. So the cost rule here sizes every variable
 * at its smallest possible value (1), rejecting only what is too expensive whatever the variables,
 * and {@link checkOperationCost} (run per request by {@link operationLimitsPlugin}) checks the
 * operation again with the request's variables.
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const depthRule: ValidationRule = (context) => {
    const analysis = new Analysis(context.getSchema(), context.getDocument());
    return {
      OperationDefinition(operation) {
        const depth = analysis.depth(operation.selectionSet);
        if (depth > limits.maxDepth) context.reportError(depthError(depth, limits.maxDepth, operation));
      },
    };
  };
  const aliasRule: ValidationRule = (context) => ({
    Document(document) {
      const analysis = new Analysis(context.getSchema(), document);
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      const aliases = operations.reduce((sum, operation) => sum + analysis.aliases(operation.selectionSet), 0);
      if (aliases > limits.maxAliases) context.reportError(aliasError(aliases, limits.maxAliases, operations));
    },
  });
  const costRule: ValidationRule = (context) => {
    const document = context.getDocument();
    return {
      OperationDefinition(operation) {
        const cost = new Analysis(context.getSchema(), document, { operation, values: undefined }).cost(operation);
        if (cost > limits.maxCost) context.reportError(costError(cost, limits.maxCost, operation));
      },
    };
  };
  return [depthRule, aliasRule, costRule];
}

/**
 * Checks the estimated cost of the operation a request runs, with the request's variables:
 * `undefined` when within `limits.maxCost`, else the error to send. An operation name that does
 * not pick exactly one operation gives `undefined` (graphql's execution reports that).
 */
export function checkOperationCost(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  schema: GraphQLSchema,
  limits: OperationLimits,
): GraphQLError | undefined {
  const operation = findOperation(document, operationName);
  if (!operation) return undefined;
  const cost = new Analysis(schema, document, { operation, values: variables ?? {} }).cost(operation);
  return cost > limits.maxCost ? costError(cost, limits.maxCost, operation) : undefined;
}

/**
 * The estimated cost of an operation (see {@link OperationLimits.maxCost}). Without `variables`
 * each variable page size counts as 1, the least it can be, as in validation.
 */
export function estimateOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables?: Readonly<Record<string, unknown>>,
): number {
  const operation = findOperation(document, operationName);
  return operation ? new Analysis(schema, document, { operation, values: variables }).cost(operation) : 0;
}

/**
 * An Apollo plugin that runs {@link checkOperationCost} once the operation is resolved, before it
 * executes. Its error answers HTTP 400 (Apollo's default for a plugin's error is 500).
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, request, schema }) {
          const error = checkOperationCost(document, operationName, request.variables, schema, limits);
          if (error) {
            throw new GraphQLError(error.message, {
              nodes: error.nodes,
              originalError: error.originalError,
              extensions: { ...error.extensions, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

function findOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((operation) => operation.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

function depthError(depth: number, limit: number, operation: OperationDefinitionNode): GraphQLError {
  return limitError(`The operation is ${depth} levels deep; the limit is ${limit} (maxDepth)`, 'too deep', depth, limit, [operation]);
}

function aliasError(aliases: number, limit: number, operations: readonly OperationDefinitionNode[]): GraphQLError {
  return limitError(`The operation has ${aliases} aliases; the limit is ${limit} (maxAliases)`, 'too many aliases', aliases, limit, operations);
}

function costError(cost: number, limit: number, operation: OperationDefinitionNode): GraphQLError {
  return limitError(`The operation costs an estimated ${cost}; the limit is ${limit} (maxCost)`, 'too expensive', cost, limit, [operation]);
}

/**
 * The GraphQL error of a broken limit. Its `originalError` is the `INPUT.INVALID` Pitrix error:
 * Apollo rewrites the `code` of validation errors to `GRAPHQL_VALIDATION_FAILED` but keeps the
 * original error, which `formatGraphQLError` turns back into `INPUT.INVALID` with its problems.
 */
function limitError(message: string, problem: string, found: number, limit: number, nodes: readonly ASTNode[]): GraphQLError {
  const problems: Problem[] = [{ path: 'query', message: problem, expected: `at most ${limit}`, found }];
  return new GraphQLError(message, {
    nodes,
    originalError: new PitrixError('INPUT.INVALID', message, problems),
    extensions: { code: 'INPUT.INVALID', problems },
  });
}

/** Variable values for cost: `values` undefined while validating (each counts as the least it can be). */
interface VariableScope {
  readonly operation: OperationDefinitionNode;
  readonly values: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Walks one document. Fragment results are memoised, so a document whose fragments spread each
 * other many times costs linear time, and a fragment cycle (reported by graphql's own
 * NoFragmentCycles) counts as empty where it closes instead of recursing forever.
 */
class Analysis {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly depths = new Map<string, number>();
  private readonly aliasCounts = new Map<string, number>();
  private readonly costs = new Map<string, number>();
  private readonly visiting = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly variables?: VariableScope,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  depth(selectionSet: SelectionSetNode): number {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        deepest = Math.max(deepest, 1 + (selection.selectionSet ? this.depth(selection.selectionSet) : 0));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, this.depth(selection.selectionSet));
      } else {
        const name = selection.name.value;
        deepest = Math.max(deepest, this.fragment(this.depths, name, `depth|${name}`, (fragment) => this.depth(fragment.selectionSet)));
      }
    }
    return deepest;
  }

  aliases(selectionSet: SelectionSetNode): number {
    let count = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) count += 1;
        if (selection.selectionSet) count += this.aliases(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        count += this.aliases(selection.selectionSet);
      } else {
        const name = selection.name.value;
        count += this.fragment(this.aliasCounts, name, `aliases|${name}`, (fragment) => this.aliases(fragment.selectionSet));
      }
    }
    return count;
  }

  cost(operation: OperationDefinitionNode): number {
    return this.unitCost(operation.selectionSet, this.schema.getRootType(operation.operation) ?? undefined, undefined, false);
  }

  /**
   * Cost of a selection set resolved once. `pageSize` is set when `parentType` is a connection:
   * its `edges`/`nodes` then hold that many items (the connection's size is not counted twice).
   * Inside `__schema`/`__type` lists do not multiply: introspection is answered from memory, and
   * graphql's MaxIntrospectionDepthRule (in `specifiedRules`) already bounds its nesting.
   */
  private unitCost(selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined, pageSize: number | undefined, introspection: boolean): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += 1;
        if (selection.selectionSet) total += this.childrenCost(selection, selection.selectionSet, parentType, pageSize, introspection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parentType;
        total += this.unitCost(selection.selectionSet, type ?? undefined, pageSize, introspection);
      } else {
        const name = selection.name.value;
        total += this.fragment(this.costs, name, `cost|${name}|${pageSize ?? ''}|${introspection}`, (fragment) => {
          const type = this.schema.getType(fragment.typeCondition.name.value) ?? undefined;
          return this.unitCost(fragment.selectionSet, type, pageSize, introspection);
        });
      }
    }
    return total;
  }

  private childrenCost(field: FieldNode, selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined, pageSize: number | undefined, introspection: boolean): number {
    const definition = fieldOf(parentType, field.name.value);
    const type = definition ? getNamedType(definition.type) : undefined;
    if (introspection || INTROSPECTION_ROOTS.has(field.name.value)) return this.unitCost(selectionSet, type, undefined, true);
    const isList = definition !== undefined && isListType(getNullableType(definition.type));
    if (pageSize !== undefined && isList && PAGE_FIELDS.has(field.name.value)) return pageSize * this.unitCost(selectionSet, type, undefined, false);
    if (type && isConnection(type)) {
      const size = this.listSize(field, definition);
      return isList ? size * this.unitCost(selectionSet, type, DEFAULT_LIST_SIZE, false) : this.unitCost(selectionSet, type, size, false);
    }
    if (isList) return this.listSize(field, definition) * this.unitCost(selectionSet, type, undefined, false);
    return this.unitCost(selectionSet, type, undefined, false);
  }

  /**
   * The page size a list field asks for: its `first`, `last` or `limit` argument, or such a field
   * of an input-object argument (`page: { first: 50 }`), from literals, variables or the
   * argument's default value; the largest when several; else {@link DEFAULT_LIST_SIZE}.
   */
  private listSize(field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): number {
    const sizes: number[] = [];
    let unknown = false;
    const collect = (value: unknown): void => {
      if (value === UNKNOWN) unknown = true;
      else if (typeof value === 'number' && Number.isFinite(value)) sizes.push(Math.max(1, Math.floor(value)));
    };
    for (const argument of definition?.args ?? []) {
      const node = field.arguments?.find((a) => a.name.value === argument.name);
      let value = node ? this.valueOf(node.value) : undefined;
      if (value === undefined) value = argument.defaultValue;
      if (SIZE_ARGUMENTS.has(argument.name)) {
        collect(value);
        continue;
      }
      const input = getNamedType(argument.type);
      if (!isInputObjectType(input) || value === null || value === undefined) continue;
      if (value === UNKNOWN) {
        unknown = true;
        continue;
      }
      if (typeof value !== 'object') continue;
      // A size field left out of the object takes the input type's default (`PageInput.first = 20`).
      for (const inputField of Object.values(input.getFields())) {
        if (!SIZE_ARGUMENTS.has(inputField.name)) continue;
        const inner = (value as Record<string, unknown>)[inputField.name];
        collect(inner === undefined ? inputField.defaultValue : inner);
      }
    }
    if (sizes.length > 0) return Math.max(...sizes);
    return unknown ? 1 : DEFAULT_LIST_SIZE;
  }

  /** A literal's value; a variable's from the request (or its default); UNKNOWN while validating. */
  private valueOf(node: ValueNode): unknown {
    switch (node.kind) {
      case Kind.INT:
      case Kind.FLOAT:
        return Number(node.value);
      case Kind.OBJECT:
        return Object.fromEntries(node.fields.map((f) => [f.name.value, this.valueOf(f.value)]));
      case Kind.VARIABLE: {
        const scope = this.variables;
        if (!scope?.values) return UNKNOWN;
        const name = node.name.value;
        if (Object.hasOwn(scope.values, name)) return scope.values[name];
        const declared = scope.operation.variableDefinitions?.find((d) => d.variable.name.value === name)?.defaultValue;
        return declared ? this.valueOf(declared) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** A fragment's measure, memoised under `key`; 0 for an unknown fragment or where a cycle closes. */
  private fragment(memo: Map<string, number>, name: string, key: string, measure: (fragment: FragmentDefinitionNode) => number): number {
    const known = memo.get(key);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    if (!fragment || this.visiting.has(key)) return 0;
    this.visiting.add(key);
    const result = measure(fragment);
    this.visiting.delete(key);
    memo.set(key, result);
    return result;
  }
}

function fieldOf(type: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  return type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined;
}

/** A Relay-style connection: its type is named `…Connection` or has `edges`. */
function isConnection(type: GraphQLNamedType): boolean {
  return (isObjectType(type) || isInterfaceType(type)) && (type.name.endsWith('Connection') || 'edges' in type.getFields());
}
