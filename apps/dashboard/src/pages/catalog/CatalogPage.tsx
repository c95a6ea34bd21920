import { Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import { AppCard } from './AppCard.js';
import { APPS_QUERY, CATALOG_FILTERS_QUERY } from './catalog-documents.js';
import { appsVariables, PAGE_SIZE, type CatalogSearch } from './catalog-filters.js';
import { CatalogFilters } from './CatalogFilters.js';

const route = getRouteApi('/app/');

/** The catalog: every app the caller can see, searched and filtered, a page at a time. */
export function CatalogPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const router = useRouter();
  // Cursors of the pages before this one, so "Previous" can go back (the API pages forward only).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const after = cursors[cursors.length - 1];
  const [{ data, error, fetching }] = useQuery({ query: APPS_QUERY, variables: appsVariables(search, after) });
  const [{ data: filters }] = useQuery({ query: CATALOG_FILTERS_QUERY });
  const categoryNames = useMemo(() => new Map(filters?.categories.edges.map(({ node }) => [node.id, node.name]) ?? []), [filters]);

  const changeFilters = (next: CatalogSearch) => {
    // A debounced search that lands after the user has clicked into an app must not bring them back.
    if (router.latestLocation.pathname !== '/') return;
    setCursors([undefined]);
    void navigate({ search: next, replace: true });
  };
  const apps = data?.apps.edges.map((edge) => edge.node) ?? [];
  const pageNumber = cursors.length;
  return (
    <Stack>
      <Title order={1}>Catalog</Title>
      <CatalogFilters search={search} onChange={changeFilters} />
      {error && <ErrorNotice error={error} title="The catalog could not be loaded" />}
      {!data && fetching && <Loading label="Loading apps…" />}
      {data && apps.length === 0 && (
        <Empty title="No apps found">{search.q || search.category || search.repo ? 'Nothing matches these filters; clear some of them.' : 'No app has been released to you yet.'}</Empty>
      )}
      {apps.length > 0 && (
        <>
          <Text size="sm" c="gray.7" aria-live="polite">
            {data?.apps.totalCount} app{data?.apps.totalCount === 1 ? '' : 's'} · page {pageNumber} of {Math.max(1, Math.ceil((data?.apps.totalCount ?? 0) / PAGE_SIZE))}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="section" aria-label="Apps">
            {apps.map((app) => (
              <AppCard key={app.id} app={app} categoryNames={categoryNames} />
            ))}
          </SimpleGrid>
          <Group justify="center">
            <Button variant="default" disabled={pageNumber === 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
              Previous
            </Button>
            <Button
              variant="default"
              disabled={!data?.apps.pageInfo.hasNextPage}
              onClick={() => {
                const next = data?.apps.pageInfo.endCursor;
                if (next) setCursors((list) => [...list, next]);
              }}
            >
              Next
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
