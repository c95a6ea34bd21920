import { Field, ID, ObjectType } from '@nestjs/graphql';
import { JsonObjectScalar } from '../../graphql/json-object.scalar.js';
import { ConnectionOf } from '../../graphql/pagination.js';

/** A person or automation account that signs in to Pitrix. */
@ObjectType({ description: 'An account: login name, platform roles, status; never its password.' })
export class User {
  @Field(() => ID)
  id!: string;

  @Field()
  login!: string;

  @Field()
  displayName!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field({ description: 'active or disabled' })
  status!: string;

  @Field(() => [String], { description: 'Platform roles granted to the user directly (admin, developer, reviewer, user).' })
  roles!: string[];

  @Field(() => String, { nullable: true, description: 'The group whose path the user’s resources are owned under.' })
  primaryGroupId!: string | null;

  @Field()
  createdAt!: Date;
}

/** A page of users. */
@ObjectType()
export class UserConnection extends ConnectionOf(User, 'User') {}

/** A member of a group and the role the member holds in it. */
@ObjectType()
export class GroupMember {
  @Field(() => ID)
  userId!: string;

  @Field()
  login!: string;

  @Field()
  role!: string;
}

/** An organisation or team: its members share what is owned under the group's path. */
@ObjectType()
export class Group {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  displayName!: string;

  @Field()
  createdAt!: Date;

  @Field(() => [GroupMember])
  members!: GroupMember[];
}

/** A group of the signed-in caller. */
@ObjectType()
export class MyGroup {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;

  @Field({ description: 'The caller’s role in this group.' })
  role!: string;
}

/** The signed-in caller. */
@ObjectType()
export class Me {
  @Field(() => User)
  user!: User;

  @Field(() => [MyGroup], { description: 'The groups the caller is a member of, with its role in each.' })
  groups!: MyGroup[];

  @Field(() => [String], { description: 'Effective roles: the user’s own and those of its group memberships.' })
  roles!: string[];

  @Field()
  ownerPath!: string;

  @Field({ description: 'session or token' })
  authenticatedBy!: string;

  @Field(() => String, { nullable: true, description: 'read or full, when authenticated by a token' })
  tokenScope!: string | null;
}

/** A personal access token, as listed (its secret is shown only once, when created). */
@ObjectType()
export class AccessToken {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'read (queries and subscriptions only) or full' })
  scope!: string;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

/** A token just created: the secret, shown this once, and its record. */
@ObjectType()
export class CreatedToken {
  @Field({ description: 'The secret; it is stored only as a hash and cannot be shown again.' })
  token!: string;

  @Field(() => AccessToken)
  accessToken!: AccessToken;
}

/** One security-relevant event: a login, a token, a role or membership change, an admin operation. */
@ObjectType()
export class SecurityEvent {
  @Field(() => ID)
  id!: string;

  @Field()
  at!: Date;

  @Field()
  action!: string;

  @Field({ description: 'success or failure' })
  outcome!: string;

  @Field(() => String, { nullable: true })
  actorId!: string | null;

  @Field(() => String, { nullable: true })
  actorLogin!: string | null;

  @Field(() => String, { nullable: true })
  target!: string | null;

  @Field(() => String, { nullable: true })
  sourceAddress!: string | null;

  @Field(() => JsonObjectScalar, { nullable: true })
  details!: Record<string, unknown> | null;
}

/** A page of security events, newest first. */
@ObjectType()
export class SecurityEventConnection extends ConnectionOf(SecurityEvent, 'SecurityEvent') {}
