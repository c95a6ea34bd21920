import { Field, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString } from 'class-validator';

/** Filters of the `jobs` query. */
@InputType()
export class JobFilter {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  clusterId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(['pending', 'running', 'successful', 'failed', 'cancelled'])
  status?: string;
}
