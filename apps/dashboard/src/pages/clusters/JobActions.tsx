import { Button, Group } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { CANCEL_JOB, RETRY_JOB, ROLLBACK_JOB } from './job-queries.js';
import type { JobView } from './job-types.js';

/**
 * Retry (a failed job, from its failed layer), rollback (a failed or cancelled job, as a new job)
 * and cancel (a pending or running job), each shown only when the job's status allows it.
 * `onRetried` lets the page follow the same job again.
 */
export function JobActions({ job, onRetried }: { job: JobView; onRetried: () => void }) {
  const navigate = useNavigate();
  const [retry, runRetry] = useMutation(RETRY_JOB);
  const [rollback, runRollback] = useMutation(ROLLBACK_JOB);
  const [cancel, runCancel] = useMutation(CANCEL_JOB);
  const [error, setError] = useState<{ error: CombinedError; what: string }>();
  const failed = job.status === 'failed';
  const canRollback = failed || job.status === 'cancelled';
  const canCancel = job.status === 'running' || job.status === 'pending';
  if (!failed && !canRollback && !canCancel) return null;

  return (
    <>
      <Group gap="xs">
        {failed && (
          <Button
            color="blue.8"
            loading={retry.fetching}
            onClick={() =>
              void runRetry({ id: job.id }).then((r) => {
                setError(r.error ? { error: r.error, what: 'Retry' } : undefined);
                if (!r.error) onRetried();
              })
            }
          >
            Retry
          </Button>
        )}
        {canRollback && (
          <Button
            variant="default"
            loading={rollback.fetching}
            onClick={() =>
              void runRollback({ id: job.id }).then((r) => {
                setError(r.error ? { error: r.error, what: 'Rollback' } : undefined);
                if (r.data) void navigate({ to: '/jobs/$jobId', params: { jobId: r.data.rollbackJob.jobId } });
              })
            }
          >
            Roll back
          </Button>
        )}
        {canCancel && (
          <Button variant="outline" color="red.9" loading={cancel.fetching} onClick={() => void runCancel({ id: job.id }).then((r) => setError(r.error ? { error: r.error, what: 'Cancel' } : undefined))}>
            Cancel job
          </Button>
        )}
      </Group>
      {error && <ErrorNotice error={error.error} title={`${error.what} was refused`} />}
    </>
  );
}
