import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/states.js';
import { KindBadge } from '../../components/KindBadge.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { AuditTrail } from './AuditTrail.js';
import { PackageView } from './PackageView.js';
import { ReviewDecision } from './ReviewDecision.js';
import { REVIEW_VERSION_QUERY } from './review-documents.js';
import { reviewVersionRoute } from './routes.js';

/** One version under review: the decision, the package as it would deploy, and who did what to it. */
export function ReviewVersionPage() {
  const { versionId } = reviewVersionRoute.useParams();
  const [{ data, error, fetching }] = useQuery({ query: REVIEW_VERSION_QUERY, variables: { id: versionId } });
  // Bumped after each decision so the audit trail shows it.
  const [auditEpoch, setAuditEpoch] = useState(0);
  if (error) return <ErrorNotice error={error} title="The version could not be loaded" />;
  if (fetching && !data) return <Loading label="Loading the version…" />;
  if (!data) return <Loading label="Loading the version…" />;
  const version = data.appVersion;
  return (
    <Stack gap="lg">
      <Anchor renderRoot={(props) => <Link {...props} to="/review" />} size="sm">
        ← Review queue
      </Anchor>
      <Stack gap={4}>
        <Title order={1}>
          {version.name} {version.version}
        </Title>
        <Group gap="xs">
          <StatusBadge status={version.status} />
          <KindBadge kind={version.kind} />
          <Text size="sm" c="dimmed">
            by {version.owner} · app version {version.appVersion ?? '—'} · {version.size} bytes · sha256 {version.digest.slice(0, 12)}…
          </Text>
        </Group>
        {version.description && <Text>{version.description}</Text>}
        {version.message && (
          <Text size="sm">
            <Text span fw={600}>
              Last message:
            </Text>{' '}
            {version.message}
          </Text>
        )}
      </Stack>
      <ReviewDecision version={version} onDecided={() => setAuditEpoch((n) => n + 1)} />
      <PackageView versionId={version.id} />
      <AuditTrail versionId={version.id} epoch={auditEpoch} />
    </Stack>
  );
}
