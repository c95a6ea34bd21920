import { Field, Int, ObjectType } from '@nestjs/graphql';

/** A run of the walking-skeleton workflow. */
@ObjectType({ description: 'A run of the walking-skeleton workflow (proves API → Temporal → worker → PostgreSQL + NATS).' })
export class SkeletonRun {
  @Field()
  workflowId!: string;

  @Field()
  runId!: string;

  @Field({ description: 'RUNNING, COMPLETED, FAILED, ...' })
  status!: string;

  @Field({ description: 'This run in the Temporal web UI.' })
  temporalUiUrl!: string;

  @Field(() => String, { nullable: true, description: 'Subject the activity published on, once completed.' })
  subject!: string | null;

  @Field(() => Int, { nullable: true, description: 'Activity attempts it took, once completed.' })
  attempts!: number | null;
}
