import { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PitrixError } from '@pitrix/errors';

/** Position after which the next page starts: the sort value and the id of the last row seen. */
export interface Cursor {
  readonly sort: string | number;
  readonly id: string;
}

/** Encodes a cursor as an opaque string. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.id])).toString('base64url');
}

/** Decodes a cursor given by a client; a malformed one is `INPUT.INVALID` on `after`. */
export function decodeCursor(value: string | undefined | null): Cursor | undefined {
  if (!value) return undefined;
  try {
    const [sort, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as [string | number, string];
    if ((typeof sort !== 'string' && typeof sort !== 'number') || typeof id !== 'string') throw new Error('shape');
    return { sort, id };
  } catch {
    throw new PitrixError('INPUT.INVALID', 'Invalid cursor', [{ path: 'after', message: 'not a cursor this API returned', found: value }]);
  }
}

/** Page information of a connection. */
@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** A page of `T`, Relay style. */
export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

/** Declares the GraphQL types of a connection of `T` (named `<T>Connection` and `<T>Edge`). */
export function ConnectionOf<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: true })
  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Rows matching the filter, across all pages.' })
    totalCount!: number;
  }
  return ConnectionType as Type<Connection<T>>;
}

/** Builds a connection from rows fetched with one extra row (which tells whether a next page exists). */
export function toConnection<T>(rows: T[], first: number, totalCount: number, cursorOf: (row: T) => Cursor): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
