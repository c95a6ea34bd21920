/** The app version and runtime a job's cluster belongs to, as recorded when the job was accepted. */
export interface JobTarget {
  readonly appId: string;
  readonly versionId: string;
  readonly runtimeId: string;
}

/** Whether the resurrector heals a cluster's nodes that are down, and after how long. */
export interface HealingSettings {
  readonly enabled: boolean;
  readonly graceSeconds: number;
}

/** What a job's spec carries besides its operation (sealed at rest, loaded by job id). */
export interface ClusterJobPayload {
  /** The rendered blueprint the job works towards (the current one when the job changes nothing in it). */
  readonly blueprint: unknown;
  /** The values the blueprint was rendered from (kept to re-render on update-env). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Package files the nodes need: config template sources and `files/` (base64 content, mode). */
  readonly packageFiles: ReadonlyArray<{ readonly path: string; readonly contentBase64: string; readonly mode: number }>;
  /**
   * For create: the cluster's name and description, the network it should land in, and its
   * healing settings when the request chose them (otherwise the cluster heals after 60 s).
   */
  readonly cluster?: { readonly name: string; readonly description: string; readonly networkId?: string; readonly healing?: HealingSettings };
}
