import { graphql } from '../../graphql.js';

export const CLUSTERS_QUERY = graphql(`
  query Clusters($filter: ClusterFilter!, $page: PageInput!) {
    clusters(filter: $filter, page: $page) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          name
          status
          transitionStatus
          runtimeId
          appId
          owner
          createdAt
        }
      }
    }
  }
`);

/** Runtimes for the list's runtime filter. */
export const RUNTIME_CHOICES_QUERY = graphql(`
  query RuntimeChoices {
    runtimes(page: { first: 100 }) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const CLUSTER_QUERY = graphql(`
  query Cluster($id: ID!) {
    cluster(id: $id) {
      id
      name
      description
      status
      statusMessage
      statusReason
      transitionStatus
      runtimeId
      appId
      versionId
      owner
      lastJobId
      failedJobId
      createdAt
      updatedAt
      nodes {
        id
        role
        baseRole
        serverId
        status
        privateIp
        instanceId
        cpu
        memoryMiB
        volumeSizeGiB
        health {
          status
          reason
          message
          observedAt
          since
        }
      }
      health {
        status
        healthy
        unhealthy
        unknown
        since
      }
      healing {
        enabled
        graceSeconds
      }
      links {
        alias
        cluster {
          id
          name
        }
      }
      linkedBy {
        alias
        cluster {
          id
          name
        }
      }
      alarms {
        id
        item
        role
        condition
        threshold
        consecutive
        activeNodes
        createdBy
        createdAt
      }
      roles {
        role
        nodeCount
        cpu
        memoryMiB
        volumeSizeGiB
      }
      endpoints {
        name
        host
        port
        protocol
      }
    }
  }
`);

export const CLUSTER_EVENTS_SUBSCRIPTION = graphql(`
  subscription ClusterEvents($clusterId: ID!, $after: Int!) {
    clusterEvents(clusterId: $clusterId, after: $after) {
      sequence
      type
      payload
      recordedAt
    }
  }
`);

export const CLUSTER_JOBS_QUERY = graphql(`
  query ClusterJobs($clusterId: String!) {
    jobs(filter: { clusterId: $clusterId }, page: { first: 20 }) {
      totalCount
      edges {
        node {
          id
          action
          status
          startedAt
          finishedAt
        }
      }
    }
  }
`);

/** The package the cluster runs: its config form (for `changeable` fields) and blueprint (for custom actions). */
export const CLUSTER_PACKAGE_QUERY = graphql(`
  query ClusterPackage($versionId: ID!) {
    appVersionPackage(id: $versionId) {
      versionId
      configForm
      blueprint
    }
  }
`);

/** Versions of the cluster's app, for upgrade. */
export const APP_VERSIONS_QUERY = graphql(`
  query UpgradeVersions($appId: String!) {
    appVersions(filter: { appId: $appId }, page: { first: 50 }) {
      edges {
        node {
          id
          version
          status
        }
      }
    }
  }
`);

/** The last hour of every monitor item, one step a minute: the roll-up (nodeId null) and each node. */
export const CLUSTER_MONITOR_QUERY = graphql(`
  query ClusterMonitor($id: ID!) {
    cluster(id: $id) {
      id
      monitor(stepSeconds: 60) {
        item
        nodeId
        unit
        statisticsType
        valueType
        points {
          at
          value
          text
        }
      }
    }
  }
`);
