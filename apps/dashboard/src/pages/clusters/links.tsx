import { Anchor } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

// Mantine's Anchor drawn by the router's Link (renderRoot keeps both typed: `component={Link}` loses the route params' types).

export function ClusterLink({ clusterId, children }: { clusterId: string; children?: ReactNode }) {
  return <Anchor size="sm" c="blue.8" renderRoot={(props) => <Link {...props} to="/clusters/$clusterId" params={{ clusterId }} />}>{children ?? clusterId}</Anchor>;
}

export function JobLink({ jobId, children }: { jobId: string; children?: ReactNode }) {
  return <Anchor size="sm" c="blue.8" ff="monospace" renderRoot={(props) => <Link {...props} to="/jobs/$jobId" params={{ jobId }} />}>{children ?? jobId}</Anchor>;
}
