import { PitrixError } from '@pitrix/errors';
import type { DataSource, EntityManager } from 'typeorm';

/** `healing`: the resurrector heals this runtime's nodes; `meltdown`: too many are down at once, so it heals none. */
export type HealingState = 'healing' | 'meltdown';

/** A runtime's meltdown limits; null takes the platform's default. */
export interface MeltdownLimits {
  /** Meltdown when more than this share (percent) of the runtime's running nodes are down. */
  readonly meltdownPercent: number | null;
  /** Meltdown when more than this many nodes are down, counting those healed within the window. */
  readonly meltdownNodes: number | null;
}

/** What the resurrector last saw of a runtime, with its limits and any release. */
export interface RuntimeHealing extends MeltdownLimits {
  readonly runtimeId: string;
  readonly state: HealingState;
  readonly downNodes: number;
  readonly totalNodes: number;
  readonly since: Date;
  /** An admin let the resurrector heal despite the meltdown (until the meltdown ends). */
  readonly releasedBy: string | null;
  readonly releasedAt: Date | null;
}

/** One change of a runtime's healing: a meltdown began, ended, or was released by an admin. */
export interface HealingEvent {
  readonly id: string;
  readonly runtimeId: string;
  readonly kind: 'meltdown' | 'recovered' | 'released';
  readonly downNodes: number;
  readonly totalNodes: number;
  readonly message: string;
  readonly actor: string;
  readonly at: Date;
}

/** A count the resurrector made: how many running nodes of the runtime are down, and whether that is a meltdown. */
export interface HealingObservation {
  readonly downNodes: number;
  readonly totalNodes: number;
  readonly meltdown: boolean;
  readonly message: string;
}

/** The resurrector's own name in healing events. */
export const RESURRECTOR = 'resurrector';

interface Row {
  runtime_id: string;
  meltdown_percent: number | null;
  meltdown_nodes: number | null;
  state: HealingState;
  down_nodes: number;
  total_nodes: number;
  state_since: Date;
  released_by: string | null;
  released_at: Date | null;
}

function fromRow(row: Row): RuntimeHealing {
  return {
    runtimeId: row.runtime_id,
    meltdownPercent: row.meltdown_percent,
    meltdownNodes: row.meltdown_nodes,
    state: row.state,
    downNodes: row.down_nodes,
    totalNodes: row.total_nodes,
    since: row.state_since,
    releasedBy: row.released_by,
    releasedAt: row.released_at,
  };
}

/**
 * Runtimes' healing state (schema `runtime`). Each change of state is recorded as an event in the
 * same transaction, so the events tell exactly when healing stopped and resumed, and why.
 */
export class HealingStore {
  constructor(private readonly dataSource: DataSource) {}

  /** A runtime's healing as last observed (a runtime never observed is healing, nothing down). */
  async get(runtimeId: string): Promise<RuntimeHealing> {
    return this.dataSource.transaction((manager) => this.row(manager, runtimeId, false));
  }

  /** Every runtime's healing that has a row, keyed by runtime id. */
  async all(): Promise<Map<string, RuntimeHealing>> {
    const rows = (await this.dataSource.query(`SELECT * FROM runtime.healing`)) as Row[];
    return new Map(rows.map((row) => [row.runtime_id, fromRow(row)]));
  }

  /** Sets a runtime's meltdown limits (null: the platform default). */
  async setLimits(runtimeId: string, limits: MeltdownLimits): Promise<RuntimeHealing> {
    return this.dataSource.transaction(async (manager) => {
      await this.row(manager, runtimeId, true);
      await manager.query(`UPDATE runtime.healing SET meltdown_percent = $2, meltdown_nodes = $3 WHERE runtime_id = $1`, [runtimeId, limits.meltdownPercent, limits.meltdownNodes]);
      return this.row(manager, runtimeId, false);
    });
  }

  /**
   * Records what the resurrector counted. Entering or leaving a meltdown changes the state and
   * records an event; leaving it also ends any release. Returns the healing after the change.
   */
  async observe(runtimeId: string, seen: HealingObservation): Promise<RuntimeHealing> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.row(manager, runtimeId, true);
      const state: HealingState = seen.meltdown ? 'meltdown' : 'healing';
      if (state === before.state) {
        await manager.query(`UPDATE runtime.healing SET down_nodes = $2, total_nodes = $3 WHERE runtime_id = $1`, [runtimeId, seen.downNodes, seen.totalNodes]);
      } else {
        await manager.query(
          `UPDATE runtime.healing SET state = $2, down_nodes = $3, total_nodes = $4, state_since = now(), released_by = NULL, released_at = NULL WHERE runtime_id = $1`,
          [runtimeId, state, seen.downNodes, seen.totalNodes],
        );
        await this.event(manager, runtimeId, seen.meltdown ? 'meltdown' : 'recovered', seen, seen.message, RESURRECTOR);
      }
      return this.row(manager, runtimeId, false);
    });
  }

  /** An admin lets healing go on through the current meltdown; `RUNTIME.INVALID_STATE` when there is none. */
  async release(runtimeId: string, actor: string): Promise<RuntimeHealing> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.row(manager, runtimeId, true);
      if (before.state !== 'meltdown') {
        throw new PitrixError('RUNTIME.INVALID_STATE', `runtime ${runtimeId} is not in meltdown (its nodes are healed as usual); there is nothing to release`, [
          { path: 'runtimeId', message: 'not in meltdown', expected: 'meltdown', found: before.state },
        ]);
      }
      if (before.releasedAt) return before;
      await manager.query(`UPDATE runtime.healing SET released_by = $2, released_at = now() WHERE runtime_id = $1`, [runtimeId, actor]);
      await this.event(manager, runtimeId, 'released', before, `${actor} released the meltdown: ${before.downNodes} of ${before.totalNodes} nodes down are healed`, actor);
      return this.row(manager, runtimeId, false);
    });
  }

  /** A runtime's healing events, newest first. */
  async events(runtimeId: string, limit = 50): Promise<HealingEvent[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM runtime.healing_events WHERE runtime_id = $1 ORDER BY id DESC LIMIT $2`, [runtimeId, limit])) as Array<{
      id: string;
      runtime_id: string;
      kind: HealingEvent['kind'];
      down_nodes: number;
      total_nodes: number;
      message: string;
      actor: string;
      at: Date;
    }>;
    return rows.map((row) => ({ id: String(row.id), runtimeId: row.runtime_id, kind: row.kind, downNodes: row.down_nodes, totalNodes: row.total_nodes, message: row.message, actor: row.actor, at: row.at }));
  }

  // The row, created on first use; `lock` holds it for the rest of the transaction.
  private async row(manager: EntityManager, runtimeId: string, lock: boolean): Promise<RuntimeHealing> {
    if (lock) await manager.query(`INSERT INTO runtime.healing (runtime_id) VALUES ($1) ON CONFLICT DO NOTHING`, [runtimeId]);
    const rows = (await manager.query(`SELECT * FROM runtime.healing WHERE runtime_id = $1${lock ? ' FOR UPDATE' : ''}`, [runtimeId])) as Row[];
    const row = rows[0];
    if (row) return fromRow(row);
    return { runtimeId, meltdownPercent: null, meltdownNodes: null, state: 'healing', downNodes: 0, totalNodes: 0, since: new Date(0), releasedBy: null, releasedAt: null };
  }

  private async event(manager: EntityManager, runtimeId: string, kind: HealingEvent['kind'], counts: { downNodes: number; totalNodes: number }, message: string, actor: string): Promise<void> {
    await manager.query(`INSERT INTO runtime.healing_events (runtime_id, kind, down_nodes, total_nodes, message, actor) VALUES ($1, $2, $3, $4, $5, $6)`, [
      runtimeId,
      kind,
      counts.downNodes,
      counts.totalNodes,
      message,
      actor,
    ]);
  }
}
