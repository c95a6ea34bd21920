import type { AgentBootstrap, ProviderContext, ResourceDemand, RuntimeProvider } from '../contract.js';

/** What a provider's test gives the conformance suite. */
export interface ConformanceHarness {
  /** The provider under test, as a worker would build it. */
  readonly provider: RuntimeProvider;
  /** A context that connects (valid credential, existing zone). */
  readonly context: ProviderContext;
  /** The agent every test instance starts. */
  readonly agent: AgentBootstrap;
  /** A zone id that does not exist. */
  readonly missingZone: string;
  /** A demand larger than the zone allows. */
  readonly excessiveDemand: ResourceDemand;
  /** Builds a fresh provider over the same backing state, as a restarted worker would. */
  restart(): Promise<RuntimeProvider>;
  /** Whether the instance's agent is observably running (a process, a fake VM state). */
  agentRunning(instanceId: string): Promise<boolean>;
  /** Removes everything the suite created. */
  cleanup(): Promise<void>;
}
