import { graphql } from '../../graphql.js';

export const REVIEW_QUEUE_QUERY = graphql(`
  query ReviewQueue {
    submitted: appVersions(filter: { status: "submitted" }, page: { first: 100 }, sort: { field: "statusTime" }) {
      totalCount
      edges {
        node {
          id
          appId
          name
          version
          owner
          status
          statusTime
          message
        }
      }
    }
    inReview: appVersions(filter: { status: "in-review" }, page: { first: 100 }, sort: { field: "statusTime" }) {
      totalCount
      edges {
        node {
          id
          appId
          name
          version
          owner
          status
          statusTime
          message
        }
      }
    }
  }
`);

export const REVIEW_VERSION_QUERY = graphql(`
  query ReviewVersion($id: ID!) {
    appVersion(id: $id) {
      id
      appId
      repoId
      name
      version
      appVersion
      kind
      description
      owner
      status
      statusTime
      message
      digest
      size
    }
  }
`);

export const VERSION_PACKAGE_QUERY = graphql(`
  query VersionPackage($id: ID!) {
    appVersionPackage(id: $id) {
      versionId
      kind
      blueprint
      files {
        path
        size
        mode
        text
      }
    }
  }
`);

export const VERSION_AUDITS_QUERY = graphql(`
  query VersionAudits($versionId: String!) {
    audits(filter: { versionId: $versionId }, page: { first: 100 }) {
      totalCount
      edges {
        node {
          id
          action
          actor
          role
          fromStatus
          toStatus
          message
          createdAt
        }
      }
    }
  }
`);

export const START_REVIEW = graphql(`
  mutation StartReview($id: ID!) {
    reviewVersion(id: $id) {
      id
      status
      statusTime
      message
    }
  }
`);

export const PASS_VERSION = graphql(`
  mutation PassVersion($id: ID!, $message: String) {
    passVersion(id: $id, message: $message) {
      id
      status
      statusTime
      message
    }
  }
`);

export const REJECT_VERSION = graphql(`
  mutation RejectVersion($id: ID!, $message: String!) {
    rejectVersion(id: $id, message: $message) {
      id
      status
      statusTime
      message
    }
  }
`);
