/**
 * Tags Pitrix puts on the instances it runs, to find them again (a runtime's frontgates when the
 * runtime is deleted). The keys avoid the `pitrix:` prefix, which providers keep for their own
 * tags (the aws provider refuses it in a request).
 */
export const INSTANCE_TAGS = {
  cluster: 'pitrix-cluster',
  node: 'pitrix-node',
  frontgate: 'pitrix-frontgate',
  runtime: 'pitrix-runtime',
} as const;

/** The tags of a frontgate's instance. */
export function frontgateTags(runtimeId: string, frontgateId: string): Record<string, string> {
  return { [INSTANCE_TAGS.frontgate]: frontgateId, [INSTANCE_TAGS.runtime]: runtimeId };
}

/** The tags of a cluster node's instance. */
export function nodeTags(runtimeId: string, clusterId: string, nodeId: string): Record<string, string> {
  return { [INSTANCE_TAGS.cluster]: clusterId, [INSTANCE_TAGS.node]: nodeId, [INSTANCE_TAGS.runtime]: runtimeId };
}

/** The client token a frontgate's instance is run with: one instance per frontgate. */
export function frontgateClientToken(frontgateId: string): string {
  return `frontgate/${frontgateId}`;
}

/** The frontgate whose instance was run with `clientToken`. */
export function frontgateOfClientToken(clientToken: string): string {
  return clientToken.slice('frontgate/'.length);
}
