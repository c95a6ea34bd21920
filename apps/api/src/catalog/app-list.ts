import type { AppEntity, AppStatus, Maintainer } from '@pitrix/catalog-store';
import { PitrixError } from '@pitrix/errors';
import type { DataSource } from 'typeorm';
import { hasRole, isAdmin, visibleOwnerCondition, type Caller } from '../access/index.js';
import { decodeCursor, toConnection, type Connection } from '../graphql/pagination.js';
import type { PageInput } from '../runtime/dto/runtime.input.js';
import type { AppFilter, SortInput } from './dto/app.input.js';
import { escapeLike } from './list-page.js';

/** The sortable fields of `apps`: the SQL they sort on and the cursor value a row gives. */
const SORTS: Readonly<Record<string, { readonly sql: string; readonly value: (row: AppEntity) => string }>> = {
  name: { sql: 'a.name', value: (row) => row.name },
  createdAt: { sql: `date_trunc('milliseconds', a.created_at)`, value: (row) => row.createdAt.toISOString() },
  updatedAt: { sql: `date_trunc('milliseconds', a.updated_at)`, value: (row) => row.updatedAt.toISOString() },
  status: { sql: 'a.status', value: (row) => row.status },
};

const COLUMNS = 'a.id, a.repo_id, a.name, a.description, a.home, a.icon, a.keywords, a.maintainers, a.sources, a.latest_version, a.status, a.categories, a.owner, a.owner_path, a.created_at, a.updated_at';

interface AppRow {
  readonly total: string;
  readonly id: string | null;
  readonly repo_id: string;
  readonly name: string;
  readonly description: string;
  readonly home: string | null;
  readonly icon: string | null;
  readonly keywords: string[];
  readonly maintainers: Maintainer[];
  readonly sources: string[];
  readonly latest_version: string | null;
  readonly status: AppStatus;
  readonly categories: string[];
  readonly owner: string;
  readonly owner_path: string;
  readonly created_at: Date;
  readonly updated_at: Date;
}

/**
 * One page of `apps` in one SQL statement: the count of the filter and the page after the cursor
 * (joined laterally, so an empty page still carries the count). This is the dashboard's hottest
 * read, so it is written as plain SQL rather than through the query builder.
 */
export async function listAppPage(dataSource: DataSource, caller: Caller, filter: AppFilter, page: PageInput, sort?: SortInput | null): Promise<Connection<AppEntity>> {
  const sortField = sort?.field || 'name';
  const order = SORTS[sortField];
  if (!order) {
    throw new PitrixError('INPUT.INVALID', `Cannot sort by ${sortField}`, [{ path: 'sort.field', message: 'unknown sort field', expected: Object.keys(SORTS).join(' | '), found: sortField }]);
  }
  const descending = sort?.field ? (sort.descending ?? false) : false;
  const after = decodeCursor(page.after);
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = [];
  if (!isAdmin(caller)) {
    // What the caller owns, and in public repos what is active (everything for reviewers).
    const activeOnly = hasRole(caller, 'reviewer') ? '' : ` AND a.status = 'active'`;
    where.push(`(${visibleOwnerCondition(caller, 'a.owner_path', param)} OR (EXISTS (SELECT 1 FROM catalog.repos vr WHERE vr.id = a.repo_id AND vr.visibility = 'public')${activeOnly}))`);
  }
  if (filter.search) {
    const search = param(`%${escapeLike(filter.search)}%`);
    where.push(`(a.name ILIKE ${search} OR a.description ILIKE ${search} OR array_to_string(a.keywords, ' ') ILIKE ${search})`);
  }
  if (filter.repoId) where.push(`a.repo_id = ${param(filter.repoId)}`);
  if (filter.status) where.push(`a.status = ${param(filter.status)}`);
  if (filter.category) where.push(`a.categories @> ARRAY[${param(filter.category)}]::text[]`);
  if (filter.name) where.push(`a.name = ${param(filter.name)}`);
  const filtered = where.length > 0 ? where.join(' AND ') : 'true';
  const pageWhere = after ? `${filtered} AND (${order.sql}, a.id) ${descending ? '<' : '>'} (${param(after.sort)}, ${param(after.id)})` : filtered;
  const direction = descending ? 'DESC' : 'ASC';
  const sql = `SELECT c.total, p.* FROM (SELECT count(*) AS total FROM catalog.apps a WHERE ${filtered}) c
    LEFT JOIN LATERAL (SELECT ${COLUMNS} FROM catalog.apps a WHERE ${pageWhere} ORDER BY ${order.sql} ${direction}, a.id ${direction} LIMIT ${param(page.first + 1)}) p ON true`;
  const rows = (await dataSource.query(sql, params)) as AppRow[];
  const totalCount = Number(rows[0]?.total ?? 0);
  const apps = rows.filter((row) => row.id !== null).map(toEntity);
  return toConnection(apps, page.first, totalCount, (row) => ({ sort: order.value(row), id: row.id }));
}

function toEntity(row: AppRow): AppEntity {
  return {
    id: row.id as string,
    repoId: row.repo_id,
    name: row.name,
    description: row.description,
    home: row.home,
    icon: row.icon,
    keywords: row.keywords,
    maintainers: row.maintainers,
    sources: row.sources,
    latestVersion: row.latest_version,
    status: row.status,
    categories: row.categories,
    owner: row.owner,
    ownerPath: row.owner_path,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
