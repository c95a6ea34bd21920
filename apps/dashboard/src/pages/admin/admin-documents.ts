import { graphql } from '../../graphql.js';

/** The platform roles; a group member holds one of them in its group. */
export const ROLES = ['admin', 'developer', 'reviewer', 'user'] as const;

export const USERS_QUERY = graphql(`
  query Users {
    users(page: { first: 200 }) {
      totalCount
      edges {
        node {
          id
          login
          displayName
          email
          roles
          status
          primaryGroupId
          createdAt
        }
      }
    }
  }
`);

export const CREATE_USER = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      login
    }
  }
`);

export const UPDATE_USER = graphql(`
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      id
      roles
      status
      displayName
      email
      primaryGroupId
    }
  }
`);

export const GROUPS_QUERY = graphql(`
  query Groups {
    groups {
      id
      name
      displayName
      createdAt
      members {
        userId
        login
        role
      }
    }
  }
`);

export const CREATE_GROUP = graphql(`
  mutation CreateGroup($input: CreateGroupInput!) {
    createGroup(input: $input) {
      id
      name
      displayName
      createdAt
      members {
        userId
        login
        role
      }
    }
  }
`);

export const SET_GROUP_MEMBER = graphql(`
  mutation SetGroupMember($groupId: ID!, $userId: ID!, $role: String!) {
    setGroupMember(groupId: $groupId, userId: $userId, role: $role) {
      id
      members {
        userId
        login
        role
      }
    }
  }
`);

export const REMOVE_GROUP_MEMBER = graphql(`
  mutation RemoveGroupMember($groupId: ID!, $userId: ID!) {
    removeGroupMember(groupId: $groupId, userId: $userId) {
      id
      members {
        userId
        login
        role
      }
    }
  }
`);

export const SECURITY_EVENTS_QUERY = graphql(`
  query SecurityEvents($filter: SecurityEventFilter!) {
    securityEvents(filter: $filter, page: { first: 100 }) {
      totalCount
      edges {
        node {
          id
          at
          action
          outcome
          actorLogin
          actorId
          target
          sourceAddress
          details
        }
      }
    }
  }
`);
