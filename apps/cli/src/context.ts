import { loadCliConfig } from '@pitrix/config';
import type { Command } from 'commander';
import { CredentialStore } from '@pitrix/cli-credentials';
import { GraphQLClient, LOGIN_HINT } from './graphql-client.js';
import { createOutput, type Output } from './output.js';

/** What every command gets: the API client and the output, built from global options. */
export interface CommandContext {
  readonly api: GraphQLClient;
  readonly out: Output;
  /** The GraphQL endpoint the commands talk to (the key of its stored credential). */
  readonly endpoint: string;
  readonly credentials: CredentialStore;
}

/** Global options shared by every command. */
export interface GlobalOptions {
  readonly api?: string;
  readonly json?: boolean;
}

const ENV_TOKEN_HINT = 'the token in PITRIX_TOKEN was refused: set a valid one, or unset it and run `pitrix login`';

/** Builds the context from the global options and the environment; the token is PITRIX_TOKEN's or the stored one. */
export function contextFrom(command: Command, env: NodeJS.ProcessEnv): CommandContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  const endpoint = options.api ?? env.PITRIX_API_URL ?? defaultEndpoint(env);
  const credentials = new CredentialStore(env);
  const chosen = credentials.tokenFor(endpoint);
  const api = new GraphQLClient(endpoint, { token: chosen?.token, unauthenticatedHint: chosen?.source === 'env' ? ENV_TOKEN_HINT : LOGIN_HINT });
  return { api, out: createOutput(options.json ?? false), endpoint, credentials };
}

function defaultEndpoint(env: NodeJS.ProcessEnv): string {
  const config = loadCliConfig(env);
  return `http://${config.api.host}:${config.api.port}/graphql`;
}
