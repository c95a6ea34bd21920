import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ResultOf } from '../../graphql.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { AppIcon } from './AppIcon.js';
import type { APPS_QUERY } from './catalog-documents.js';

export type CatalogApp = ResultOf<typeof APPS_QUERY>['apps']['edges'][number]['node'];

/** One app in the catalog grid: icon, name, latest version, description, categories. */
export function AppCard({ app, categoryNames }: { app: CatalogApp; categoryNames: ReadonlyMap<string, string> }) {
  return (
    <Card withBorder padding="md" radius="md" component="article" aria-labelledby={`app-${app.id}-name`} data-testid="app-card">
      <Group wrap="nowrap" align="flex-start">
        <AppIcon name={app.name} icon={app.icon} />
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Link to="/apps/$appId" params={{ appId: app.id }} style={{ textDecoration: 'none' }}>
            <Text id={`app-${app.id}-name`} fw={700} c="blue.8" span>
              {app.name}
            </Text>
          </Link>
          <Group gap={6}>
            <Text size="sm" data-testid="latest-version">
              {app.latestVersion ? `v${app.latestVersion}` : 'no version yet'}
            </Text>
            {app.status !== 'active' && <StatusBadge status={app.status} />}
          </Group>
        </Stack>
      </Group>
      <Text size="sm" c="gray.7" mt="sm" lineClamp={3}>
        {app.description || 'No description.'}
      </Text>
      {app.categories.length > 0 && (
        <Group gap={4} mt="sm">
          {app.categories.map((id) => (
            <Badge key={id} variant="outline" size="sm" color="dark">
              {categoryNames.get(id) ?? id}
            </Badge>
          ))}
        </Group>
      )}
    </Card>
  );
}
