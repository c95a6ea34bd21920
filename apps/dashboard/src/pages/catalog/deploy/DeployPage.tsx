import { Anchor, Stack, Title } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../../components/ErrorNotice.js';
import { Empty, Loading } from '../../../components/states.js';
import { APP_QUERY, APP_VERSIONS_QUERY } from '../catalog-documents.js';
import { isDeployable } from '../VersionsTable.js';
import { DeployForm } from './DeployForm.js';

const route = getRouteApi('/app/apps/$appId/deploy');

/** Deploying an app: the version (from `?version=` or the newest released), then its form and plan. */
export function DeployPage() {
  const { appId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [{ data: appData, error: appError }] = useQuery({ query: APP_QUERY, variables: { id: appId } });
  const [{ data, error, fetching }] = useQuery({ query: APP_VERSIONS_QUERY, variables: { appId } });

  const failure = appError ?? error;
  if (failure) return <ErrorNotice error={failure} title="This app could not be loaded" />;
  if (!data && fetching) return <Loading label="Loading the versions…" />;
  const all = data?.appVersions.edges.map((edge) => edge.node) ?? [];
  // A version named in the address is offered even if not released (a developer trying theirs); the API decides.
  const versions = all.filter((version) => isDeployable(version) || version.id === search.version);
  const versionId = search.version ?? versions[0]?.id;
  const name = appData?.app.name ?? appId;
  return (
    <Stack>
      <div>
        <Anchor size="sm" renderRoot={(props) => <Link {...props} to="/apps/$appId" params={{ appId }} />}>
          ← {name}
        </Anchor>
        <Title order={1}>Deploy {name}</Title>
      </div>
      {versionId ? (
        <DeployForm key={versionId} versions={versions} versionId={versionId} onVersion={(next) => void navigate({ search: { version: next }, replace: true })} />
      ) : (
        <Empty title="Nothing to deploy">This app has no released version yet.</Empty>
      )}
    </Stack>
  );
}
