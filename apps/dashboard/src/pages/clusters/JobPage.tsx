import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Loading } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { TaskDag } from '../../components/TaskDag.js';
import { jobRoute } from './cluster-route.js';
import { JOB_PROGRESS_SUBSCRIPTION, JOB_QUERY } from './job-queries.js';
import { elapsedSeconds, findTask, jobLayers } from './job-types.js';
import { JobActions } from './JobActions.js';
import { ClusterLink } from './links.js';
import { TaskDetails } from './TaskDetails.js';

/** Follows the job over `jobProgress`; each update lands in the cache, which re-renders the page. It ends with the job. */
function JobProgressFeed({ jobId }: { jobId: string }) {
  const [{ error }] = useSubscription({ query: JOB_PROGRESS_SUBSCRIPTION, variables: { jobId } });
  return error ? <ErrorNotice error={error} title="Live progress stopped" /> : null;
}

/** One job: its layered DAG live, the selected task's details, the Temporal link and retry / rollback / cancel. */
export function JobPage() {
  const { jobId } = jobRoute.useParams();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: JOB_QUERY, variables: { id: jobId } });
  // A retry resumes the same job under a new run: a new subscription follows it (the old one ended with the failure).
  const [run, setRun] = useState(0);
  const [selected, setSelected] = useState<string>();
  const [now, setNow] = useState(() => Date.now());
  const job = data?.job;
  // The elapsed time counts up once a second while the job runs.
  const running = job !== undefined && !job.finishedAt;
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);

  if (error && !job) return <ErrorNotice error={error} title={`Could not load job ${jobId}`} />;
  if (!job) return fetching ? <Loading label="Loading the job…" /> : null;
  const task = findTask(job, selected ?? job.failedTaskId ?? undefined);
  const seconds = elapsedSeconds(job, now);
  return (
    <Stack>
      <JobProgressFeed key={run} jobId={jobId} />
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>
            Job {job.action}
          </Title>
          <Text size="sm" c="gray.7" ff="monospace">
            {job.id}
          </Text>
        </div>
        <Group gap="xs" data-testid="job-status">
          <StatusBadge status={job.status} />
          <Text size="sm">{job.phase}</Text>
        </Group>
      </Group>
      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <Text size="sm">
            Cluster:{' '}
            <ClusterLink clusterId={job.clusterId} />
          </Text>
          <Text size="sm">
            {job.startedAt ? `Started ${new Date(job.startedAt).toLocaleString()}` : 'Not started yet'}
            {seconds !== undefined ? ` · ${seconds.toFixed(0)} s` : ''}
          </Text>
          <Text size="sm">
            Retries: {job.retries}
            {job.rollbackStatus ? ` · rollback ${job.rollbackStatus}` : ''}
          </Text>
          <Anchor c="blue.8" href={job.temporalUrl} target="_blank" rel="noreferrer" size="sm">
            Workflow in the Temporal UI
          </Anchor>
        </SimpleGrid>
      </Paper>
      {job.failure && <ErrorNotice error={{ code: job.failure.code, message: job.failure.message, problems: [] }} title="The job failed" />}
      <JobActions
        job={job}
        onRetried={() => {
          setRun((n) => n + 1);
          setSelected(undefined);
          reexecute({ requestPolicy: 'network-only' });
        }}
      />
      <Title order={2}>Tasks</Title>
      <TaskDag layers={jobLayers(job, now)} selectedId={task?.id} onSelect={setSelected} label={`Tasks of job ${job.id}`} height={420} />
      {task ? <TaskDetails task={task} /> : <Text size="sm" c="gray.7">Click a task to see its node, error and output.</Text>}
    </Stack>
  );
}
