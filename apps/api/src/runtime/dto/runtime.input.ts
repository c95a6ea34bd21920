import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { JsonObjectScalar } from '../../graphql/json-object.scalar.js';

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A label or selector term on input. */
@InputType()
export class LabelInput {
  @Field()
  @IsString()
  key!: string;

  @Field()
  @IsString()
  value!: string;
}

/** Input of `createRuntime`. */
@InputType()
export class CreateRuntimeInput {
  @Field()
  @Matches(NAME, { message: 'name must be lowercase letters, digits and -' })
  name!: string;

  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(1000)
  description!: string;

  @Field()
  @IsString()
  provider!: string;

  @Field()
  @IsString()
  zone!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  credentialId?: string;

  @Field(() => [LabelInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @Type(() => LabelInput)
  labels!: LabelInput[];

  @Field(() => JsonObjectScalar, { nullable: true, description: 'Provider options; none by default.' })
  @IsOptional()
  @IsObject()
  options?: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: 'Owned by this group (grp-…) rather than the caller, so that its members may deploy to it; the caller must be an admin or a member.' })
  @IsOptional()
  @Matches(/^grp-[a-z][a-z0-9-]{1,39}$/, { message: 'groupId must be a group id such as grp-acme' })
  groupId?: string;
}

/** Input of `updateRuntime`: only what is given changes (provider, zone and credential are fixed). */
@InputType()
export class UpdateRuntimeInput {
  @Field({ nullable: true })
  @IsOptional()
  @Matches(NAME, { message: 'name must be lowercase letters, digits and -' })
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @Field(() => [LabelInput], { nullable: true })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => LabelInput)
  labels?: LabelInput[];

  @Field(() => JsonObjectScalar, { nullable: true })
  @IsOptional()
  @IsObject()
  options?: Record<string, unknown>;
}

/** Filter and page of `runtimes`. */
@InputType()
export class RuntimeFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  provider?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  zone?: string;

  @Field({ nullable: true, description: 'Case-insensitive match on name and description.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @Field(() => [LabelInput], { nullable: true, description: 'A selector: runtimes whose labels satisfy it.' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => LabelInput)
  selector?: LabelInput[];
}

/** Page size and position. */
@InputType()
export class PageInput {
  @Field(() => Int, { defaultValue: 20 })
  @IsInt()
  @Min(1)
  @Max(200)
  first!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  after?: string;
}
