import { Table } from '@mantine/core';
import { useEffect } from 'react';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { CLUSTER_JOBS_QUERY } from './cluster-queries.js';
import { JobLink } from './links.js';

/** The cluster's last jobs, newest first, each linking to its job page. `refresh` changes when an event arrives. */
export function ClusterJobs({ clusterId, refresh }: { clusterId: string; refresh: number }) {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: CLUSTER_JOBS_QUERY, variables: { clusterId } });
  useEffect(() => {
    if (refresh > 0) reexecute({ requestPolicy: 'network-only' });
  }, [refresh, reexecute]);
  if (error) return <ErrorNotice error={error} title="Could not load the jobs" />;
  if (!data) return fetching ? <Loading label="Loading jobs…" /> : null;
  const jobs = data.jobs.edges.map((e) => e.node);
  if (jobs.length === 0) return <Empty title="No jobs yet" />;
  return (
    <Table data-testid="cluster-jobs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Job</Table.Th>
          <Table.Th>Action</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Started</Table.Th>
          <Table.Th>Finished</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {jobs.map((job) => (
          <Table.Tr key={job.id}>
            <Table.Td>
              <JobLink jobId={job.id} />
            </Table.Td>
            <Table.Td>{job.action}</Table.Td>
            <Table.Td>
              <StatusBadge status={job.status} />
            </Table.Td>
            <Table.Td>{job.startedAt ? new Date(job.startedAt).toLocaleString() : '—'}</Table.Td>
            <Table.Td>{job.finishedAt ? new Date(job.finishedAt).toLocaleString() : '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
