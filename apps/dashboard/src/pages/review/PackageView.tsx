import { Alert, Code, Grid, NavLink, ScrollArea, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import { VERSION_PACKAGE_QUERY } from './review-documents.js';

/* The open file is marked bold with aria-current: Mantine's active NavLink colours fail AA contrast. */

/** A chart's blueprint as the API renders it: `helm template` with the default values, or helm's refusal. */
interface ChartBlueprint {
  readonly manifests?: string;
  readonly renderError?: string;
}

function chartBlueprint(blueprint: Record<string, unknown>): ChartBlueprint {
  return {
    manifests: typeof blueprint['manifests'] === 'string' ? blueprint['manifests'] : undefined,
    renderError: typeof blueprint['renderError'] === 'string' ? blueprint['renderError'] : undefined,
  };
}

/** What a chart deploys: its rendered manifests, and why helm could not render it if it could not. */
function ChartManifests({ blueprint }: { blueprint: ChartBlueprint }) {
  return (
    <Stack gap="xs">
      {blueprint.renderError && (
        <Alert color="red" title="The chart does not render with its default values" data-testid="render-error">
          <Text size="sm" ff="monospace" style={{ whiteSpace: 'pre-wrap' }}>
            {blueprint.renderError}
          </Text>
        </Alert>
      )}
      {blueprint.manifests ? (
        <ScrollArea.Autosize mah={480} type="auto">
          <Code block data-testid="manifests" tabIndex={0} aria-label="Rendered manifests">
            {blueprint.manifests}
          </Code>
        </ScrollArea.Autosize>
      ) : (
        !blueprint.renderError && <Empty title="The chart renders no manifests" />
      )}
    </Stack>
  );
}

/**
 * The package as the reviewer judges it: its files (text shown as is) and what it deploys with the
 * defaults: a Pitrix package's blueprint, or a Helm chart's rendered manifests.
 */
export function PackageView({ versionId }: { versionId: string }) {
  const [{ data, error, fetching }] = useQuery({ query: VERSION_PACKAGE_QUERY, variables: { id: versionId } });
  const [selected, setSelected] = useState<string | undefined>();
  const files = data?.appVersionPackage.files ?? [];
  const file = files.find((f) => f.path === selected) ?? files[0];
  const isChart = data?.appVersionPackage.kind === 'helm';
  return (
    <Stack component="section" aria-labelledby="package-heading" gap="xs">
      <Title order={2} size="h3" id="package-heading">
        Package
      </Title>
      {error && <ErrorNotice error={error} title="The package could not be read" />}
      {fetching && !data && <Loading label="Reading the package…" />}
      {data && (
        <Tabs defaultValue="files">
          <Tabs.List>
            <Tabs.Tab value="files">Files ({files.length})</Tabs.Tab>
            <Tabs.Tab value="blueprint">{isChart ? 'Manifests' : 'Blueprint'}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="files" pt="sm">
            {files.length === 0 ? (
              <Empty title="The package has no files" />
            ) : (
              <Grid>
                <Grid.Col span={3}>
                  <nav aria-label="Package files">
                    {files.map((f) => (
                      <NavLink
                        key={f.path}
                        label={
                          <Text size="sm" fw={f.path === file?.path ? 700 : 400}>
                            {f.path}
                          </Text>
                        }
                        description={`${f.size} bytes`}
                        aria-current={f.path === file?.path ? 'true' : undefined}
                        onClick={() => setSelected(f.path)}
                      />
                    ))}
                  </nav>
                </Grid.Col>
                <Grid.Col span={9}>
                  {file && (
                    <Stack gap={4}>
                      <Text fw={600} ff="monospace" data-testid="file-viewer-path">
                        {file.path}
                      </Text>
                      {file.text === null || file.text === undefined ? (
                        <Text c="dimmed">Not text ({file.size} bytes).</Text>
                      ) : (
                        <ScrollArea.Autosize mah={480} type="auto">
                          <Code block data-testid="file-viewer" tabIndex={0} aria-label={`Content of ${file.path}`}>
                            {file.text}
                          </Code>
                        </ScrollArea.Autosize>
                      )}
                    </Stack>
                  )}
                </Grid.Col>
              </Grid>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="blueprint" pt="sm">
            {isChart ? (
              <ChartManifests blueprint={chartBlueprint(data.appVersionPackage.blueprint)} />
            ) : (
              <ScrollArea.Autosize mah={480} type="auto">
                <Code block data-testid="blueprint" tabIndex={0} aria-label="Rendered blueprint">
                  {JSON.stringify(data.appVersionPackage.blueprint, null, 2)}
                </Code>
              </ScrollArea.Autosize>
            )}
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
