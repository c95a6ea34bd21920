import { SimpleGrid } from '@mantine/core';
import { useEffect } from 'react';
import { useQuery } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import { CLUSTER_MONITOR_QUERY } from './cluster-queries.js';
import { byItem } from './monitor-series.js';
import { MonitorItemTable } from './MonitorItemTable.js';

/** The last hour of the cluster's monitor items; re-read whenever the page refreshes (`refresh` changes). */
export function ClusterMonitor({ clusterId, refresh }: { clusterId: string; refresh: number }) {
  const [{ data, error, fetching }, reexecute] = useQuery({ query: CLUSTER_MONITOR_QUERY, variables: { id: clusterId } });
  useEffect(() => {
    if (refresh > 0) reexecute({ requestPolicy: 'network-only' });
  }, [refresh, reexecute]);

  if (error && !data) return <ErrorNotice error={error} title="Could not load the monitor" />;
  if (!data) return fetching ? <Loading label="Loading the monitor…" /> : null;
  const items = byItem(data.cluster.monitor);
  if (items.length === 0) return <Empty title="No monitor items">The package declares none, or no node has reported yet.</Empty>;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} data-testid="cluster-monitor">
      {items.map((view) => (
        <MonitorItemTable key={view.item} view={view} />
      ))}
    </SimpleGrid>
  );
}
