import { loadCliConfig } from '@pitrix/config';
import type { Command } from 'commander';
import { GraphQLClient } from './graphql-client.js';
import { createOutput, type Output } from './output.js';

/** What every command gets: the API client and the output, built from global options. */
export interface CommandContext {
  readonly api: GraphQLClient;
  readonly out: Output;
}

/** Global options shared by every command. */
export interface GlobalOptions {
  readonly api?: string;
  readonly json?: boolean;
}

/** Builds the context from the global options and the environment. */
export function contextFrom(command: Command, env: NodeJS.ProcessEnv): CommandContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  const endpoint = options.api ?? env.PITRIX_API_URL ?? defaultEndpoint(env);
  return { api: new GraphQLClient(endpoint), out: createOutput(options.json ?? false) };
}

function defaultEndpoint(env: NodeJS.ProcessEnv): string {
  const config = loadCliConfig(env);
  return `http://${config.api.host}:${config.api.port}/graphql`;
}
