import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ROLES, type Role } from '@pitrix/account-store';
import { ArrayMaxSize, IsDateString, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/** A new personal access token. */
@InputType()
export class CreateTokenInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @Field({ description: 'read (queries and subscriptions only) or full' })
  @IsIn(['read', 'full'])
  scope!: 'read' | 'full';

  @Field(() => Int, { nullable: true, description: 'Days until the token expires; omitted, it never does.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}

/** A new account (by an admin). */
@InputType()
export class CreateUserInput {
  @Field()
  @Matches(/^[a-z][a-z0-9._-]{1,39}$/, { message: 'login must be 2–40 lowercase letters, digits, dot, dash or underscore, starting with a letter' })
  login!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  displayName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string;

  @Field(() => [String])
  @ArrayMaxSize(4)
  @IsIn([...ROLES], { each: true })
  roles!: Role[];

  @Field({ nullable: true, description: 'At least 12 characters; omit for an account that signs in only through SSO or tokens.' })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  primaryGroupId?: string;
}

/** Changes to an account (by an admin). */
@InputType()
export class UpdateUserInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  displayName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(4)
  @IsIn([...ROLES], { each: true })
  roles?: Role[];

  @Field({ nullable: true, description: 'active or disabled' })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  primaryGroupId?: string;
}

/** A new group. */
@InputType()
export class CreateGroupInput {
  @Field({ description: 'Lowercase name; the group id is grp-<name>.' })
  @Matches(/^[a-z][a-z0-9-]{1,39}$/, { message: 'name must be 2–40 lowercase letters, digits or dashes, starting with a letter' })
  name!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  displayName?: string;
}

/** Which security events to list. */
@InputType()
export class SecurityEventFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  action?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  actorId?: string;

  @Field({ nullable: true, description: 'ISO 8601 time; only events at or after it.' })
  @IsOptional()
  @IsDateString()
  since?: string;
}
