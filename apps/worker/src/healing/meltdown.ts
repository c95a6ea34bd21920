/** The meltdown brake's limits for one runtime. */
export interface MeltdownLimits {
  readonly percent: number;
  readonly nodes: number;
}

/** What the brake weighs for one runtime. */
export interface RuntimeCount {
  /** Running nodes whose health is known (behind a reachable frontgate). */
  readonly total: number;
  /** Of those, the ones down now (however long: nodes that fail together go silent a heartbeat apart). */
  readonly down: number;
  /** Nodes healed within the window. */
  readonly recentlyHealed: number;
}

/** The brake's verdict, with the sentence recorded when it changes. */
export interface MeltdownVerdict {
  readonly meltdown: boolean;
  readonly message: string;
}

/**
 * BOSH's meltdown brake: when many nodes are down at once the cause is rarely the nodes (a
 * network, a power feed, the platform itself), and replacing them all would make things worse.
 * A runtime is in meltdown when more than one node is down and either more than `percent` of its
 * running nodes are, or more than `nodes` are, counting those healed within the window.
 */
export function judgeMeltdown(count: RuntimeCount, limits: MeltdownLimits): MeltdownVerdict {
  const share = count.total === 0 ? 0 : (100 * count.down) / count.total;
  const recent = count.down + count.recentlyHealed;
  const tooShare = share > limits.percent;
  const tooMany = recent > limits.nodes;
  const meltdown = count.down > 1 && (tooShare || tooMany);
  const what = `${count.down} of ${count.total} running nodes down`;
  if (!meltdown) return { meltdown, message: `${what}: within the limits (${limits.percent}%, ${limits.nodes} nodes)` };
  const why = tooShare ? `more than ${limits.percent}%` : `${recent} nodes down or healed lately, more than ${limits.nodes}`;
  return { meltdown, message: `meltdown: ${what}, ${why}; no node is healed until fewer are down or an admin releases it` };
}
