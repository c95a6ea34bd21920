import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

/** Input of `startSkeletonRun`. */
@InputType()
export class StartSkeletonRunInput {
  @Field({ description: 'Text written to PostgreSQL and published on NATS.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  message!: string;

  @Field(() => Int, { nullable: true, description: 'Milliseconds the activity works before writing (0–60000).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60_000)
  workMs?: number;
}
