import { Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { CATALOG_FILTERS_QUERY } from './catalog-documents.js';
import type { CatalogSearch, CatalogSort } from './catalog-filters.js';

/** The "no filter" choice of a select: a select with a clear button fails axe's label-content-name-mismatch. */
const ALL = '*';

const SORTS: { value: CatalogSort; label: string }[] = [
  { value: 'updatedAt', label: 'Recently updated' },
  { value: 'name', label: 'Name' },
];

/** Search box, category, repository and order; each change goes to the address. */
export function CatalogFilters({ search, onChange }: { search: CatalogSearch; onChange: (next: CatalogSearch) => void }) {
  const [{ data, error }] = useQuery({ query: CATALOG_FILTERS_QUERY });
  const [typed, setTyped] = useState(search.q ?? '');
  // Typing is debounced so each keystroke does not become a query.
  const commitSearch = useDebouncedCallback((q: string) => onChange({ ...search, q: q.trim() || undefined }), 300);
  const categories = [{ value: ALL, label: 'All categories' }, ...(data?.categories.edges.map(({ node }) => ({ value: node.id, label: node.name })) ?? [])];
  const repos = [{ value: ALL, label: 'All repositories' }, ...(data?.repos.edges.map(({ node }) => ({ value: node.id, label: `${node.name} (${node.providers.join(', ') || 'no provider'})` })) ?? [])];
  const pick = (value: string | null) => (value === null || value === ALL ? undefined : value);
  return (
    <>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name, description or keyword"
          type="search"
          value={typed}
          onChange={(event) => {
            setTyped(event.currentTarget.value);
            commitSearch(event.currentTarget.value);
          }}
          w={280}
        />
        <Select label="Category" data={categories} value={search.category ?? ALL} onChange={(value) => onChange({ ...search, category: pick(value) })} allowDeselect={false} searchable w={200} />
        <Select label="Repository" data={repos} value={search.repo ?? ALL} onChange={(value) => onChange({ ...search, repo: pick(value) })} allowDeselect={false} searchable w={240} />
        <Select label="Order" data={SORTS} value={search.sort ?? 'updatedAt'} onChange={(value) => onChange({ ...search, sort: (value as CatalogSort | null) ?? undefined })} allowDeselect={false} w={180} />
      </Group>
      {error && <ErrorNotice error={error} title="The filters could not be loaded" />}
    </>
  );
}
