import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@pitrix/config';
import { PitrixError } from '@pitrix/errors';
import { HealingStore, type RuntimeHealing } from '@pitrix/runtime-store';
import type { DataSource } from 'typeorm';
import { requireCapability, type Caller } from '../access/index.js';
import { API_CONFIG, DATA_SOURCE } from '../clients/tokens.js';
import type { RuntimeHealingView } from './models/runtime-healing.model.js';
import { RuntimeService } from './runtime.service.js';

/** A runtime's healing as shown: its state, its effective meltdown limits and its latest events. */
@Injectable()
export class RuntimeHealingService {
  private readonly store: HealingStore;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly runtimes: RuntimeService,
  ) {
    this.store = new HealingStore(dataSource);
  }

  async healing(runtimeId: string): Promise<RuntimeHealingView> {
    return this.view(await this.store.get(runtimeId));
  }

  /** Sets the runtime's meltdown limits (null: the platform default); whoever may update the runtime may. */
  async setLimits(caller: Caller, runtimeId: string, meltdownPercent: number | null, meltdownNodes: number | null): Promise<RuntimeHealingView> {
    const runtime = await this.runtimes.get(caller, runtimeId);
    if (runtime.provider === 'local') requireCapability(caller, 'localRuntime');
    const problems = [
      ...(meltdownPercent !== null && !(Number.isInteger(meltdownPercent) && meltdownPercent >= 1 && meltdownPercent <= 100)
        ? [{ path: 'meltdownPercent', message: 'must be a whole percent from 1 to 100', expected: '1..100', found: meltdownPercent }]
        : []),
      ...(meltdownNodes !== null && !(Number.isInteger(meltdownNodes) && meltdownNodes >= 1) ? [{ path: 'meltdownNodes', message: 'must be a whole number of at least 1', expected: '>= 1', found: meltdownNodes }] : []),
    ];
    if (problems.length > 0) throw new PitrixError('INPUT.INVALID', `invalid meltdown limits: ${problems.map((problem) => `${problem.path} ${problem.message}`).join('; ')}`, problems);
    return this.view(await this.store.setLimits(runtimeId, { meltdownPercent, meltdownNodes }));
  }

  /** Lets the resurrector heal through the runtime's meltdown (admins; the runtime must be visible). */
  async release(caller: Caller, runtimeId: string): Promise<RuntimeHealingView> {
    await this.runtimes.get(caller, runtimeId);
    return this.view(await this.store.release(runtimeId, caller.login));
  }

  private async view(healing: RuntimeHealing): Promise<RuntimeHealingView> {
    const defaults = this.config.healing;
    return {
      state: healing.state,
      downNodes: healing.downNodes,
      totalNodes: healing.totalNodes,
      since: healing.since,
      meltdownPercent: healing.meltdownPercent ?? defaults.meltdownPercent,
      meltdownNodes: healing.meltdownNodes ?? defaults.meltdownNodes,
      defaultLimits: healing.meltdownPercent === null && healing.meltdownNodes === null,
      releasedBy: healing.releasedBy,
      releasedAt: healing.releasedAt,
      events: await this.store.events(healing.runtimeId, 20),
    };
  }
}
