import type { VariablesOf } from '../../graphql.js';
import type { APPS_QUERY } from './catalog-documents.js';

/** What the catalog is filtered by, as the address keeps it (so a filtered catalog can be shared). */
export interface CatalogSearch {
  readonly q?: string;
  readonly category?: string;
  readonly repo?: string;
  readonly sort?: CatalogSort;
}

export type CatalogSort = 'name' | 'updatedAt';

export const PAGE_SIZE = 24;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Reads the address's search part, dropping what is not a filter. */
export function validateCatalogSearch(search: Record<string, unknown>): CatalogSearch {
  const sort = search['sort'] === 'name' || search['sort'] === 'updatedAt' ? search['sort'] : undefined;
  return { q: text(search['q']), category: text(search['category']), repo: text(search['repo']), sort };
}

/** The `apps` query variables for these filters and the page starting after `after`. */
export function appsVariables(search: CatalogSearch, after: string | undefined): VariablesOf<typeof APPS_QUERY> {
  return {
    filter: { search: search.q, category: search.category, repoId: search.repo },
    page: { first: PAGE_SIZE, after },
    // Recently updated first reads as "what's new"; names A→Z for browsing.
    sort: search.sort === 'name' ? { field: 'name', descending: false } : { field: 'updatedAt', descending: true },
  };
}
