import { graphql } from '../../graphql.js';

/** Whether the resurrector heals the runtime's nodes or holds back in meltdown, with its limits and latest changes. */
export const RUNTIME_HEALING_FRAGMENT = graphql(`
  fragment RuntimeHealing on RuntimeHealingView @_unmask {
    state
    downNodes
    totalNodes
    since
    meltdownPercent
    meltdownNodes
    defaultLimits
    releasedBy
    releasedAt
    events {
      id
      kind
      at
      actor
      message
      downNodes
      totalNodes
    }
  }
`);

export const RUNTIMES_QUERY = graphql(`
  query Runtimes {
    runtimes(page: { first: 100 }) {
      totalCount
      edges {
        node {
          id
          name
          description
          provider
          zone
          credentialId
          owner
          options
          labels {
            key
            value
          }
          updatedAt
          healing {
            ...RuntimeHealing
          }
        }
      }
    }
  }
`, [RUNTIME_HEALING_FRAGMENT]);

export const PROVIDERS_QUERY = graphql(`
  query Providers {
    providers {
      name
      requiresCredential
      optionFields {
        key
        label
        type
        description
        required
        defaultJson
      }
    }
  }
`);

export const ZONES_QUERY = graphql(`
  query Zones($provider: String!, $credentialId: ID, $options: JSONObject) {
    zones(provider: $provider, credentialId: $credentialId, options: $options) {
      id
      name
      available
    }
  }
`);

export const CREATE_RUNTIME = graphql(`
  mutation CreateRuntime($input: CreateRuntimeInput!) {
    createRuntime(input: $input) {
      id
      name
    }
  }
`);

export const UPDATE_RUNTIME = graphql(`
  mutation UpdateRuntime($id: ID!, $input: UpdateRuntimeInput!) {
    updateRuntime(id: $id, input: $input) {
      id
      updatedAt
      labels {
        key
        value
      }
    }
  }
`);

export const VALIDATE_RUNTIME = graphql(`
  mutation ValidateRuntime($id: ID!) {
    validateRuntime(id: $id) {
      ok
      message
      code
      identity
    }
  }
`);

export const DELETE_RUNTIME = graphql(`
  mutation DeleteRuntime($id: ID!) {
    deleteRuntime(id: $id) {
      id
    }
  }
`);

export const CREDENTIALS_QUERY = graphql(`
  query Credentials {
    credentials(page: { first: 100 }) {
      totalCount
      edges {
        node {
          id
          name
          description
          provider
          endpoint
          secretFields
          owner
          updatedAt
        }
      }
    }
  }
`);

export const CREATE_CREDENTIAL = graphql(`
  mutation CreateCredential($input: CreateCredentialInput!) {
    createCredential(input: $input) {
      id
      name
      provider
    }
  }
`);

export const VALIDATE_CREDENTIAL = graphql(`
  mutation ValidateCredential($id: ID!, $options: JSONObject) {
    validateCredential(id: $id, options: $options) {
      valid
      reason
      message
      identity
    }
  }
`);

export const DELETE_CREDENTIAL = graphql(`
  mutation DeleteCredential($id: ID!) {
    deleteCredential(id: $id) {
      id
    }
  }
`);

export const RELEASE_MELTDOWN = graphql(`
  mutation ReleaseMeltdown($runtimeId: ID!) {
    releaseMeltdown(runtimeId: $runtimeId) {
      ...RuntimeHealing
    }
  }
`, [RUNTIME_HEALING_FRAGMENT]);

export const SET_RUNTIME_HEALING = graphql(`
  mutation SetRuntimeHealing($runtimeId: ID!, $meltdownPercent: Int, $meltdownNodes: Int) {
    setRuntimeHealing(runtimeId: $runtimeId, meltdownPercent: $meltdownPercent, meltdownNodes: $meltdownNodes) {
      ...RuntimeHealing
    }
  }
`, [RUNTIME_HEALING_FRAGMENT]);
