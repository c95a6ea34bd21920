import { PitrixError } from '@pitrix/errors';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, toConnection, type Connection } from '../graphql/pagination.js';

/** A sortable field of a list: its GraphQL name, its column, and how its cursor value is read. */
export interface SortField<T> {
  /** The SQL expression sorted on, given the query's alias. */
  readonly expression: (alias: string) => string;
  readonly value: (row: T) => string | number;
}

/** How a list is sorted and paged. */
export interface ListOptions {
  readonly first: number;
  readonly after?: string | null;
  readonly sort?: { readonly field: string; readonly descending: boolean } | null;
}

/**
 * Runs a filtered query as one page: sorted by the chosen field then id (so the order is total),
 * starting after the cursor, with the total count of the filter. An unknown sort field is
 * `INPUT.INVALID` naming the accepted ones.
 */
export async function pageOf<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  fields: Readonly<Record<string, SortField<T>>>,
  defaultSort: { field: string; descending: boolean },
  options: ListOptions,
): Promise<Connection<T>> {
  const sort = options.sort?.field ? { field: options.sort.field, descending: options.sort.descending ?? false } : defaultSort;
  const field = fields[sort.field];
  if (!field) {
    throw new PitrixError('INPUT.INVALID', `Cannot sort by ${sort.field}`, [{ path: 'sort.field', message: 'unknown sort field', expected: Object.keys(fields).join(' | '), found: sort.field }]);
  }
  const after = decodeCursor(options.after);
  const counting = query.clone().getCount();
  const direction = sort.descending ? 'DESC' : 'ASC';
  if (after) {
    query.andWhere(`(${field.expression(alias)}, ${alias}.id) ${sort.descending ? '<' : '>'} (:afterSort, :afterId)`, { afterSort: after.sort, afterId: after.id });
  }
  // The count and the page run at the same time, on two connections.
  const [totalCount, rows] = await Promise.all([counting, query.orderBy(field.expression(alias), direction).addOrderBy(`${alias}.id`, direction).limit(options.first + 1).getMany()]);
  return toConnection(rows, options.first, totalCount, (row) => ({ sort: field.value(row), id: row.id }));
}

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Sorts on a text or number property. */
export function byProperty<T>(property: keyof T & string): SortField<T> {
  return { expression: (alias) => `${alias}.${property}`, value: (row) => row[property] as unknown as string | number };
}

/** Sorts on a time property, at the millisecond precision a cursor carries. */
export function byTime<T>(property: keyof T & string): SortField<T> {
  return { expression: (alias) => `date_trunc('milliseconds', ${alias}.${property})`, value: (row) => (row[property] as unknown as Date).toISOString() };
}
