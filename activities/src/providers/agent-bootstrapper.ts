import type { AgentBootstrap } from '@pitrix/provider-contract';

/**
 * What a workflow says about the agent an instance runs: its kind and its identity (cluster,
 * node, frontgate ids...). Nothing secret: this travels in workflow history.
 */
export interface AgentSpec {
  readonly kind: AgentBootstrap['kind'];
  readonly identity: Readonly<Record<string, string>>;
}

/**
 * Turns an agent spec into the bootstrap a provider starts the agent with, issuing the agent's
 * credential on the way. Called inside the activity, so the credential never enters a workflow
 * payload.
 */
export interface AgentBootstrapper {
  bootstrap(spec: AgentSpec): Promise<AgentBootstrap>;
}
