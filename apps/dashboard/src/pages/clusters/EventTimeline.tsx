import { Text, Timeline } from '@mantine/core';
import { useEffect } from 'react';
import { useSubscription } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { Empty, Loading } from '../../components/states.js';
import type { ResultOf } from '../../graphql.js';
import { CLUSTER_EVENTS_SUBSCRIPTION } from './cluster-queries.js';
import { eventSummary, eventTitle } from './event-text.js';

type ClusterEvent = ResultOf<typeof CLUSTER_EVENTS_SUBSCRIPTION>['clusterEvents'];

/** Events kept on the page; older ones are in the event store (clusterEvents query, CLI). */
const KEEP = 200;

/** The cluster's events, newest first, live: the subscription replays them from the first, then follows. */
export function EventTimeline({ clusterId, onEvent }: { clusterId: string; onEvent?: (event: ClusterEvent) => void }) {
  const [{ data, error, fetching }] = useSubscription({ query: CLUSTER_EVENTS_SUBSCRIPTION, variables: { clusterId, after: 0 } }, (events: ClusterEvent[] = [], next) =>
    [next.clusterEvents, ...events.filter((e) => e.sequence !== next.clusterEvents.sequence)].slice(0, KEEP),
  );
  const latest = data?.[0];
  useEffect(() => {
    if (latest) onEvent?.(latest);
  }, [latest, onEvent]);

  if (error) return <ErrorNotice error={error} title="The event feed stopped" />;
  if (!data) return fetching ? <Loading label="Loading events…" /> : <Empty title="No events yet" />;
  return (
    // A focusable, labelled region: keyboard users can scroll it too.
    <div style={{ maxHeight: 420, overflowY: 'auto' }} tabIndex={0} role="region" aria-label="Cluster events">
      <Timeline bulletSize={12} lineWidth={2} data-testid="event-timeline">
        {data.map((event) => (
          <Timeline.Item key={event.sequence} title={eventTitle(event.type)} data-testid="cluster-event" data-event-type={event.type}>
            <Text size="xs" c="gray.7">
              {new Date(event.recordedAt).toLocaleString()} · #{event.sequence}
            </Text>
            <Text size="sm">{eventSummary(event.type, event.payload)}</Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </div>
  );
}
