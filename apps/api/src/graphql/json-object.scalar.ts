import { PitrixError } from '@pitrix/errors';
import { GraphQLScalarType, Kind, type ObjectValueNode, type ValueNode } from 'graphql';

/** A JSON object (provider options, credential secrets on input). Arrays and scalars are refused. */
export const JsonObjectScalar = new GraphQLScalarType<Record<string, unknown>, Record<string, unknown>>({
  name: 'JSONObject',
  description: 'A JSON object',
  parseValue: asObject,
  serialize: asObject,
  parseLiteral(ast) {
    if (ast.kind !== Kind.OBJECT) throw new PitrixError('INPUT.INVALID', 'expected a JSON object');
    return literalObject(ast);
  },
});

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PitrixError('INPUT.INVALID', 'expected a JSON object');
  return value as Record<string, unknown>;
}

function literalObject(ast: ObjectValueNode): Record<string, unknown> {
  return Object.fromEntries(ast.fields.map((field) => [field.name.value, literal(field.value)]));
}

function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.OBJECT:
      return literalObject(ast);
    case Kind.LIST:
      return ast.values.map(literal);
    case Kind.NULL:
      return null;
    default:
      throw new PitrixError('INPUT.INVALID', 'variables are not allowed inside a JSON object literal');
  }
}
