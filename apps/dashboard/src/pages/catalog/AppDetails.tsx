import { Anchor, Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import type { ResultOf } from '../../graphql.js';
import type { APP_QUERY } from './catalog-documents.js';

type CatalogAppDetail = ResultOf<typeof APP_QUERY>['app'];

/** Links only when they are web addresses: package metadata is the author's text. */
function isWebUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

function Maintainer({ name, email, url }: CatalogAppDetail['maintainers'][number]) {
  const label = name ?? email ?? url ?? 'unnamed';
  if (url && isWebUrl(url)) return <Anchor href={url} target="_blank" rel="noreferrer noopener">{label}</Anchor>;
  if (email) return <Anchor href={`mailto:${email}`}>{label}</Anchor>;
  return <>{label}</>;
}

/** The side panel of an app: maintainers, keywords, categories, home and source links. */
export function AppDetails({ app, categoryNames }: { app: CatalogAppDetail; categoryNames: ReadonlyMap<string, string> }) {
  return (
    <Stack gap="md" component="aside" aria-label="About this app">
      <div>
        <Title order={2} size="h5">
          Maintainers
        </Title>
        {app.maintainers.length === 0 ? (
          <Text size="sm" c="gray.7">None listed.</Text>
        ) : (
          <List size="sm" data-testid="maintainers">
            {app.maintainers.map((maintainer, index) => (
              <List.Item key={`${maintainer.name}-${index}`}>
                <Maintainer {...maintainer} />
              </List.Item>
            ))}
          </List>
        )}
      </div>
      <div>
        <Title order={2} size="h5">
          Keywords and categories
        </Title>
        {app.keywords.length + app.categories.length === 0 ? (
          <Text size="sm" c="gray.7">None.</Text>
        ) : (
          <Group gap={4} data-testid="keywords">
            {app.categories.map((id) => (
              <Badge key={id} variant="filled" size="sm" color="blue.9">
                {categoryNames.get(id) ?? id}
              </Badge>
            ))}
            {app.keywords.map((keyword) => (
              <Badge key={keyword} variant="outline" size="sm" color="dark">
                {keyword}
              </Badge>
            ))}
          </Group>
        )}
      </div>
      <div>
        <Title order={2} size="h5">
          Links
        </Title>
        {!app.home && app.sources.length === 0 ? (
          <Text size="sm" c="gray.7">None.</Text>
        ) : (
          <List size="sm">
            {app.home && isWebUrl(app.home) && (
              <List.Item>
                <Anchor href={app.home} target="_blank" rel="noreferrer noopener">Home page</Anchor>
              </List.Item>
            )}
            {app.sources.filter(isWebUrl).map((source) => (
              <List.Item key={source}>
                <Anchor href={source} target="_blank" rel="noreferrer noopener">{source}</Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </div>
    </Stack>
  );
}
