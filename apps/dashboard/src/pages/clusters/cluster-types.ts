import type { ResultOf } from '../../graphql.js';
import type { CLUSTER_QUERY } from './cluster-queries.js';

export type ClusterView = ResultOf<typeof CLUSTER_QUERY>['cluster'];
export type ClusterNodeView = ClusterView['nodes'][number];
export type ClusterAlarmView = ClusterView['alarms'][number];
export type ClusterLinkView = ClusterView['links'][number];
