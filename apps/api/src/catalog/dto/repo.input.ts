import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { JsonObjectScalar } from '../../graphql/json-object.scalar.js';
import { LabelInput } from '../../runtime/dto/runtime.input.js';

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const VISIBILITIES = ['public', 'private'];
const DEFAULT_STATUSES = ['draft', 'active'];
/** Shortest and longest interval between scheduled index runs. */
export const INDEX_INTERVAL = { min: 1, max: 30 * 24 * 3600, default: 24 * 3600 } as const;

/** Input of `createRepo`. */
@InputType()
export class CreateRepoInput {
  @Field()
  @Matches(NAME, { message: 'name must be lowercase letters, digits and -' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Owned by this group (grp-…) rather than the caller, so that its members manage it together; the caller must be an admin or a member.' })
  @IsOptional()
  @Matches(/^grp-[a-z][a-z0-9-]{1,39}$/, { message: 'groupId must be a group id such as grp-acme' })
  groupId?: string;

  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(1000)
  description!: string;

  @Field({ description: 'file:///folder, http(s)://host/path or s3://...' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @Field({ defaultValue: 'private' })
  @IsIn(VISIBILITIES)
  visibility!: 'public' | 'private';

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @IsString({ each: true })
  providers!: string[];

  @Field(() => [LabelInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @Type(() => LabelInput)
  labels!: LabelInput[];

  @Field(() => [LabelInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @Type(() => LabelInput)
  selectors!: LabelInput[];

  @Field({ defaultValue: 'active' })
  @IsIn(DEFAULT_STATUSES)
  appDefaultStatus!: 'draft' | 'active';

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @IsString({ each: true })
  categories!: string[];

  @Field(() => Int, { defaultValue: INDEX_INTERVAL.default })
  @IsInt()
  @Min(INDEX_INTERVAL.min)
  @Max(INDEX_INTERVAL.max)
  indexIntervalSeconds!: number;

  @Field(() => JsonObjectScalar, { nullable: true, description: 'Write-only access to the repo ({ username, password }, { token } or { accessKeyId, secretAccessKey }); sealed at rest, never returned.' })
  @IsOptional()
  @IsObject()
  credential?: Record<string, unknown>;
}

/** Input of `updateRepo`: only what is given changes. */
@InputType()
export class UpdateRepoInput {
  @Field({ nullable: true }) @IsOptional() @Matches(NAME, { message: 'name must be lowercase letters, digits and -' }) name?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) url?: string;
  @Field({ nullable: true }) @IsOptional() @IsIn(VISIBILITIES) visibility?: 'public' | 'private';
  @Field(() => [String], { nullable: true }) @IsOptional() @IsArray() @IsString({ each: true }) providers?: string[];
  @Field(() => [LabelInput], { nullable: true }) @IsOptional() @ValidateNested({ each: true }) @Type(() => LabelInput) labels?: LabelInput[];
  @Field(() => [LabelInput], { nullable: true }) @IsOptional() @ValidateNested({ each: true }) @Type(() => LabelInput) selectors?: LabelInput[];
  @Field({ nullable: true }) @IsOptional() @IsIn(DEFAULT_STATUSES) appDefaultStatus?: 'draft' | 'active';
  @Field(() => [String], { nullable: true }) @IsOptional() @IsArray() @IsString({ each: true }) categories?: string[];
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(INDEX_INTERVAL.min) @Max(INDEX_INTERVAL.max) indexIntervalSeconds?: number;
  @Field(() => JsonObjectScalar, { nullable: true, description: 'New write-only access; {} removes it.' }) @IsOptional() @IsObject() credential?: Record<string, unknown>;
}

/** Filter of `repos`. */
@InputType()
export class RepoFilter {
  @Field({ nullable: true, description: 'Case-insensitive match on name and description.' }) @IsOptional() @IsString() @MaxLength(200) search?: string;
  @Field({ nullable: true }) @IsOptional() @IsIn(VISIBILITIES) visibility?: string;
  @Field({ nullable: true, description: 'Repos whose providers include this one.' }) @IsOptional() @IsString() provider?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() category?: string;
}

/** Filter of `repoEvents`. */
@InputType()
export class RepoEventFilter {
  @Field({ nullable: true }) @IsOptional() @IsString() repoId?: string;
  @Field({ nullable: true }) @IsOptional() @IsIn(['pending', 'working', 'successful', 'failed']) status?: string;
}
