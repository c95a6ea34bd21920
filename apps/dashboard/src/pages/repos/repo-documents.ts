import { graphql } from '../../graphql.js';

export const REPOS_QUERY = graphql(`
  query Repos {
    repos(page: { first: 100 }, sort: { field: "name" }) {
      totalCount
      edges {
        node {
          id
          name
          url
          visibility
          status
          providers
          lastIndexedAt
          labels {
            key
            value
          }
        }
      }
    }
  }
`);

export const REPO_QUERY = graphql(`
  query Repo($id: ID!) {
    repo(id: $id) {
      id
      name
      description
      url
      visibility
      status
      owner
      authenticated
      providers
      appDefaultStatus
      indexIntervalSeconds
      lastIndexedAt
      labels {
        key
        value
      }
      selectors {
        key
        value
      }
    }
  }
`);

export const CREATE_REPO = graphql(`
  mutation CreateRepo($input: CreateRepoInput!) {
    createRepo(input: $input) {
      id
      name
    }
  }
`);

export const UPDATE_REPO = graphql(`
  mutation UpdateRepo($id: ID!, $input: UpdateRepoInput!) {
    updateRepo(id: $id, input: $input) {
      id
      description
      visibility
      providers
      updatedAt
      labels {
        key
        value
      }
      selectors {
        key
        value
      }
    }
  }
`);

export const INDEX_REPO = graphql(`
  mutation IndexRepo($id: ID!) {
    indexRepo(id: $id) {
      id
      status
    }
  }
`);

export const REPO_EVENTS_QUERY = graphql(`
  query RepoEvents($repoId: String!) {
    repoEvents(filter: { repoId: $repoId }, page: { first: 20 }) {
      totalCount
      edges {
        node {
          id
          status
          trigger
          added
          updated
          removed
          unchanged
          error
          createdAt
          startedAt
          finishedAt
          failures {
            name
            version
            path
            code
            reason
          }
        }
      }
    }
  }
`);

export const REPO_VERSIONS_QUERY = graphql(`
  query RepoVersions($repoId: String!) {
    appVersions(filter: { repoId: $repoId }, page: { first: 100 }) {
      totalCount
      edges {
        node {
          id
          appId
          name
          version
          status
          statusTime
          message
          source
        }
      }
    }
  }
`);

export const UPLOAD_PACKAGE = graphql(`
  mutation UploadPackage($input: UploadPackageInput!) {
    uploadPackage(input: $input) {
      id
      name
      version
      status
    }
  }
`);

export const SUBMIT_VERSION = graphql(`
  mutation SubmitVersion($id: ID!, $message: String) {
    submitVersion(id: $id, message: $message) {
      id
      status
      statusTime
      message
    }
  }
`);

export const CANCEL_VERSION = graphql(`
  mutation CancelVersion($id: ID!, $message: String) {
    cancelVersion(id: $id, message: $message) {
      id
      status
      statusTime
      message
    }
  }
`);

export const RELEASE_VERSION = graphql(`
  mutation ReleaseVersion($id: ID!) {
    releaseVersion(id: $id) {
      id
      status
      statusTime
      message
    }
  }
`);

export const SUSPEND_VERSION = graphql(`
  mutation SuspendVersion($id: ID!, $message: String) {
    suspendVersion(id: $id, message: $message) {
      id
      status
      statusTime
      message
    }
  }
`);

export const RECOVER_VERSION = graphql(`
  mutation RecoverVersion($id: ID!) {
    recoverVersion(id: $id) {
      id
      status
      statusTime
      message
    }
  }
`);

export const DELETE_VERSION = graphql(`
  mutation DeleteVersion($id: ID!) {
    deleteVersion(id: $id) {
      id
      status
      statusTime
      message
    }
  }
`);
