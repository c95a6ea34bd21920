export { buildProgram } from './program.js';
export { GraphQLClient } from './graphql-client.js';
