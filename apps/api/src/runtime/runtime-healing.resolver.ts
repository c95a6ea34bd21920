import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Caller } from '../access/index.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RuntimeHealingView } from './models/runtime-healing.model.js';
import { Runtime } from './models/runtime.model.js';
import { RuntimeHealingService } from './runtime-healing.service.js';

/** A runtime's healing: read with the runtime, limits set by its owners, meltdowns released by admins. */
@Resolver(() => Runtime)
export class RuntimeHealingResolver {
  constructor(private readonly healing: RuntimeHealingService) {}

  @ResolveField('healing', () => RuntimeHealingView, { description: 'Whether the resurrector heals this runtime’s nodes, or holds back in meltdown.' })
  healingOf(@Parent() runtime: Runtime): Promise<RuntimeHealingView> {
    return this.healing.healing(runtime.id);
  }

  @Mutation(() => RuntimeHealingView, { description: 'Sets the runtime’s meltdown limits; null takes the platform default.' })
  setRuntimeHealing(
    @CurrentCaller() caller: Caller,
    @Args('runtimeId', { type: () => ID }) runtimeId: string,
    @Args('meltdownPercent', { type: () => Int, nullable: true }) meltdownPercent: number | null,
    @Args('meltdownNodes', { type: () => Int, nullable: true }) meltdownNodes: number | null,
  ): Promise<RuntimeHealingView> {
    return this.healing.setLimits(caller, runtimeId, meltdownPercent ?? null, meltdownNodes ?? null);
  }

  @Mutation(() => RuntimeHealingView, { description: 'Lets the resurrector heal the runtime’s nodes through the current meltdown, until it ends.' })
  releaseMeltdown(@CurrentCaller() caller: Caller, @Args('runtimeId', { type: () => ID }) runtimeId: string): Promise<RuntimeHealingView> {
    return this.healing.release(caller, runtimeId);
  }
}
