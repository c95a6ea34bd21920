import { graphql } from '../../graphql.js';

export const TOKENS_QUERY = graphql(`
  query Tokens {
    tokens {
      id
      name
      scope
      createdAt
      expiresAt
      lastUsedAt
      revokedAt
    }
  }
`);

export const CREATE_TOKEN = graphql(`
  mutation CreateToken($input: CreateTokenInput!) {
    createToken(input: $input) {
      token
      accessToken {
        id
        name
        scope
        createdAt
        expiresAt
        lastUsedAt
        revokedAt
      }
    }
  }
`);

export const REVOKE_TOKEN = graphql(`
  mutation RevokeToken($id: ID!) {
    revokeToken(id: $id) {
      id
      revokedAt
    }
  }
`);
