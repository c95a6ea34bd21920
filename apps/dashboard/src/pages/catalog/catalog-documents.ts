import { graphql } from '../../graphql.js';

/** One page of the catalog, filtered; cards need little more than name, icon and latest version. */
export const APPS_QUERY = graphql(`
  query CatalogApps($filter: AppFilter!, $page: PageInput!, $sort: SortInput) {
    apps(filter: $filter, page: $page, sort: $sort) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          name
          description
          icon
          latestVersion
          status
          categories
          repoId
        }
      }
    }
  }
`);

/** What the filters offer: categories and the repos the caller can see. */
export const CATALOG_FILTERS_QUERY = graphql(`
  query CatalogFilters {
    categories(page: { first: 100 }) {
      edges {
        node {
          id
          name
        }
      }
    }
    repos(page: { first: 100 }) {
      edges {
        node {
          id
          name
          providers
        }
      }
    }
  }
`);

export const APP_QUERY = graphql(`
  query CatalogApp($id: ID!) {
    app(id: $id) {
      id
      repoId
      name
      description
      home
      icon
      keywords
      sources
      latestVersion
      status
      categories
      owner
      updatedAt
      maintainers {
        name
        email
        url
      }
    }
    categories(page: { first: 100 }) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/** Every version of an app the caller can see, newest first. */
export const APP_VERSIONS_QUERY = graphql(`
  query CatalogAppVersions($appId: String!) {
    appVersions(filter: { appId: $appId }, page: { first: 50 }) {
      edges {
        node {
          id
          version
          appVersion
          kind
          description
          status
          createdAt
          statusTime
          deploymentCount
        }
      }
    }
  }
`);

/** The README and screenshots of one version (its package). */
export const VERSION_README_QUERY = graphql(`
  query CatalogVersionReadme($id: ID!) {
    appVersionPackage(id: $id) {
      versionId
      readme
      screenshots
    }
  }
`);

/** The deploy form of one version: config.json as a form. */
export const VERSION_FORM_QUERY = graphql(`
  query CatalogVersionForm($id: ID!) {
    appVersionPackage(id: $id) {
      versionId
      configForm
    }
  }
`);

export const ELIGIBLE_RUNTIMES_QUERY = graphql(`
  query CatalogEligibleRuntimes($appVersionId: ID!) {
    eligibleRuntimes(appVersionId: $appVersionId) {
      id
      name
      provider
      zone
    }
  }
`);

/**
 * What createCluster would run, checked as createCluster checks it; starts nothing. Asked on demand
 * (not through PlanPreview) because the deploy form needs the refusal's field problems next to its
 * fields; the selection matches PlanPreview's so its `planLayers` draws it.
 */
export const PLAN_CREATE_QUERY = graphql(`
  query CatalogPlanCreate($create: CreateClusterInput!) {
    planClusterOperation(input: { operation: CREATE, create: $create }) {
      operation
      action
      clusterId
      placement {
        runtimeId
        reason
      }
      layers {
        index
        tasks {
          # Aliased: a plan's provisional task ids must never overwrite a real job's tasks in the cache.
          taskId: id
          title
          type
          nodeId
          allowedFailure
        }
      }
    }
  }
`);

export const CREATE_CLUSTER_MUTATION = graphql(`
  mutation CatalogCreateCluster($input: CreateClusterInput!) {
    createCluster(input: $input) {
      jobId
      clusterId
      placement {
        runtimeId
        reason
      }
    }
  }
`);
