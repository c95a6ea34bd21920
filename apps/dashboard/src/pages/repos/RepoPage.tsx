import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { IndexRuns } from './IndexRuns.js';
import { RepoSettingsForm } from './RepoSettingsForm.js';
import { RepoVersions } from './RepoVersions.js';
import { INDEX_REPO, REPO_QUERY } from './repo-documents.js';
import { repoRoute } from './routes.js';
import { UploadPackage } from './UploadPackage.js';

/** One repository: its settings, index runs, package upload and versions with the developer's actions. */
export function RepoPage() {
  const { repoId } = repoRoute.useParams();
  const [{ data, error, fetching }] = useQuery({ query: REPO_QUERY, variables: { id: repoId } });
  const [indexing, indexRepo] = useMutation(INDEX_REPO);
  // Bumped when something adds versions (an upload, a finished index run) so the version list is asked again.
  const [versionsEpoch, setVersionsEpoch] = useState(0);
  const refreshVersions = () => setVersionsEpoch((n) => n + 1);
  if (error) return <ErrorNotice error={error} title="The repository could not be loaded" />;
  if (fetching && !data) return <Loading label="Loading the repository…" />;
  if (!data) return <Loading label="Loading the repository…" />;
  const repo = data.repo;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/repos" size="sm">
        ← Repositories
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{repo.name}</Title>
          <Text size="sm" ff="monospace">
            {repo.url}
          </Text>
          <Group gap="xs">
            <StatusBadge status={repo.visibility} />
            <StatusBadge status={repo.status} />
            <Text size="sm" c="dimmed">
              {repo.authenticated ? 'read with stored access' : 'no stored access'} · last indexed {repo.lastIndexedAt ? new Date(repo.lastIndexedAt).toLocaleString() : 'never'}
            </Text>
          </Group>
        </Stack>
        <Button onClick={() => void indexRepo({ id: repo.id })} loading={indexing.fetching}>
          Index now
        </Button>
      </Group>
      {indexing.error && <ErrorNotice error={indexing.error} title="Indexing was not started" />}
      <UploadPackage repoId={repo.id} onUploaded={refreshVersions} />
      <RepoVersions repoId={repo.id} epoch={versionsEpoch} />
      <IndexRuns repoId={repo.id} startedRunId={indexing.data?.indexRepo.id} onRunFinished={refreshVersions} />
      <RepoSettingsForm repo={repo} />
    </Stack>
  );
}
