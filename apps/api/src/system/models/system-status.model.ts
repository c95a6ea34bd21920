import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';

/** Whether a dependency answered a live probe. */
export enum DependencyState {
  UP = 'UP',
  DOWN = 'DOWN',
}
registerEnumType(DependencyState, { name: 'DependencyState' });

/** One dependency of the platform as seen from the API right now. */
@ObjectType({ description: 'One dependency of the platform, probed live.' })
export class DependencyStatus {
  @Field({ description: 'temporal, postgresql or nats' })
  name!: string;

  @Field(() => DependencyState)
  state!: DependencyState;

  @Field({ description: 'Where the API reaches it (no credentials).' })
  address!: string;

  @Field(() => String, { nullable: true, description: 'Server version reported by the dependency.' })
  version!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it is down.' })
  reason!: string | null;
}

/** The platform's view of its dependencies. */
@ObjectType()
export class SystemStatus {
  @Field(() => [DependencyStatus])
  dependencies!: DependencyStatus[];

  @Field({ description: 'True when every dependency is up.' })
  healthy!: boolean;
}
