import { graphql } from '../../graphql.js';

// Day-2 settings of a cluster: they change stored rules, not nodes, so they answer at once (no job).

/** Answers the cluster's id and healing, so the normalised cache updates the page by itself. */
export const SET_CLUSTER_HEALING = graphql(`
  mutation SetClusterHealing($id: ID!, $enabled: Boolean!, $graceSeconds: Int!) {
    setClusterHealing(id: $id, enabled: $enabled, graceSeconds: $graceSeconds) {
      id
      healing {
        enabled
        graceSeconds
      }
    }
  }
`);

export const SET_CLUSTER_ALARM = graphql(`
  mutation SetClusterAlarm($clusterId: ID!, $input: ClusterAlarmInput!) {
    setClusterAlarm(clusterId: $clusterId, input: $input) {
      id
    }
  }
`);

export const REMOVE_CLUSTER_ALARM = graphql(`
  mutation RemoveClusterAlarm($clusterId: ID!, $alarmId: ID!) {
    removeClusterAlarm(clusterId: $clusterId, alarmId: $alarmId) {
      id
    }
  }
`);
