import { Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { Empty, Loading } from '../../components/states.js';
import { AppDetails } from './AppDetails.js';
import { AppIcon } from './AppIcon.js';
import { APP_QUERY, APP_VERSIONS_QUERY } from './catalog-documents.js';
import { EligibleRuntimes } from './EligibleRuntimes.js';
import { VersionReadme } from './VersionReadme.js';
import { isDeployable, VersionsTable } from './VersionsTable.js';

const route = getRouteApi('/app/apps/$appId');

/** One app: its README, versions, maintainers, links and where the caller could deploy it. */
export function AppPage() {
  const { appId } = route.useParams();
  const [{ data, error, fetching }] = useQuery({ query: APP_QUERY, variables: { id: appId } });
  const [{ data: versionData, error: versionsError }] = useQuery({ query: APP_VERSIONS_QUERY, variables: { appId } });
  const categoryNames = useMemo(() => new Map(data?.categories.edges.map(({ node }) => [node.id, node.name]) ?? []), [data]);

  if (error) return <ErrorNotice error={error} title="This app could not be loaded" />;
  if (!data && fetching) return <Loading label="Loading the app…" />;
  if (!data) return <Empty title="App not found" />;
  const app = data.app;
  const versions = versionData?.appVersions.edges.map((edge) => edge.node) ?? [];
  // The README shown is the latest version's; deploying takes the newest released one.
  const shown = versions.find((version) => version.version === app.latestVersion) ?? versions[0];
  const deployable = versions.find(isDeployable);

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Group align="flex-start" wrap="nowrap">
          <AppIcon name={app.name} icon={app.icon} size={64} />
          <div>
            <Group gap="xs">
              <Title order={1}>{app.name}</Title>
              <StatusBadge status={app.status} />
            </Group>
            <Text size="sm" c="gray.7">
              {app.latestVersion ? `Latest version ${app.latestVersion}` : 'No version yet'} · by {app.owner}
            </Text>
            <Text mt="xs" maw={720}>
              {app.description || 'No description.'}
            </Text>
          </div>
        </Group>
        {deployable && (
          <Button color="blue.8" renderRoot={(props) => <Link {...props} to="/apps/$appId/deploy" params={{ appId }} search={{ version: deployable.id }} />}>
            Deploy {deployable.version}
          </Button>
        )}
      </Group>
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="xl">
            {shown ? <VersionReadme versionId={shown.id} appName={app.name} /> : <Empty title="No version">This app has no version you can see.</Empty>}
            <section aria-labelledby="versions-title">
              <Title order={2} size="h4" id="versions-title" mb="xs">
                Versions
              </Title>
              {versionsError && <ErrorNotice error={versionsError} title="The versions could not be loaded" />}
              {versionData && versions.length === 0 && <Empty title="No versions">No version of this app is visible to you.</Empty>}
              {versions.length > 0 && <VersionsTable appId={appId} versions={versions} />}
            </section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <AppDetails app={app} categoryNames={categoryNames} />
            <section aria-labelledby="runtimes-title">
              <Title order={2} size="h5" id="runtimes-title">
                Where you can deploy {deployable ? deployable.version : ''}
              </Title>
              {deployable ? <EligibleRuntimes versionId={deployable.id} /> : <Text size="sm" c="gray.7">No released version to deploy yet.</Text>}
            </section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
