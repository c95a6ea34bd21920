import { List, Text } from '@mantine/core';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/states.js';
import { ELIGIBLE_RUNTIMES_QUERY } from './catalog-documents.js';

/** The caller's runtimes this version may go to (the repo's providers and selectors decide). */
export function EligibleRuntimes({ versionId }: { versionId: string }) {
  const [{ data, error, fetching }] = useQuery({ query: ELIGIBLE_RUNTIMES_QUERY, variables: { appVersionId: versionId } });
  if (error) return <ErrorNotice error={error} title="Eligible runtimes could not be loaded" />;
  if (!data && fetching) return <Loading label="Finding runtimes…" />;
  const runtimes = data?.eligibleRuntimes ?? [];
  if (runtimes.length === 0) {
    return (
      <Text size="sm" c="gray.7" data-testid="eligible-runtimes">
        None of your runtimes may run this version: its repository allows other providers or labels.
      </Text>
    );
  }
  return (
    <List size="sm" data-testid="eligible-runtimes">
      {runtimes.map((runtime) => (
        <List.Item key={runtime.id}>
          {runtime.name}{' '}
          <Text span c="gray.7" size="sm">
            ({runtime.provider}, {runtime.zone})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
