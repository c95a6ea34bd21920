import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

/** One change of a runtime's healing. */
@ObjectType()
export class HealingEventView {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'meltdown (healing stopped), recovered (resumed), or released (an admin let it heal).' })
  kind!: string;

  @Field(() => Int)
  downNodes!: number;

  @Field(() => Int)
  totalNodes!: number;

  @Field()
  message!: string;

  @Field({ description: 'resurrector, or the admin who released.' })
  actor!: string;

  @Field(() => Date)
  at!: Date;
}

/** Whether the resurrector heals a runtime's nodes, and the meltdown brake that stops it. */
@ObjectType()
export class RuntimeHealingView {
  @Field({ description: 'healing, or meltdown: too many nodes are down at once, so none is healed.' })
  state!: string;

  @Field(() => Int, { description: 'Running nodes down past their grace period, as last counted.' })
  downNodes!: number;

  @Field(() => Int, { description: 'Running nodes whose health is known (behind a reachable frontgate), as last counted.' })
  totalNodes!: number;

  @Field(() => Date, { description: 'When the state began.' })
  since!: Date;

  @Field(() => Int, { description: 'Meltdown when more than this percent of the running nodes are down.' })
  meltdownPercent!: number;

  @Field(() => Int, { description: 'Meltdown when more than this many nodes are down, counting those healed lately.' })
  meltdownNodes!: number;

  @Field({ description: 'The limits are the platform defaults (PITRIX_HEAL_MELTDOWN_*), not set for this runtime.' })
  defaultLimits!: boolean;

  @Field(() => String, { nullable: true, description: 'The admin who released the current meltdown.' })
  releasedBy!: string | null;

  @Field(() => Date, { nullable: true })
  releasedAt!: Date | null;

  @Field(() => [HealingEventView], { description: 'The latest changes, newest first.' })
  events!: HealingEventView[];
}
