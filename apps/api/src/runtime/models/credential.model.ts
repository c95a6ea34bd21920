import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionOf } from '../../graphql/pagination.js';

/**
 * A runtime credential as the API shows it. There is deliberately no field for its secret: only
 * the names of the secret fields and the id of the key that seals them.
 */
@ObjectType({ description: 'A runtime credential. Its secret is sealed at rest and never returned.' })
export class Credential {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field()
  provider!: string;

  @Field(() => String, { nullable: true })
  endpoint!: string | null;

  @Field(() => [String], { description: 'Names of the secret fields (their values are never returned).' })
  secretFields!: string[];

  @Field({ description: 'Id of the master key that seals the secret.' })
  keyId!: string;

  @Field()
  owner!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

/** A page of credentials. */
@ObjectType()
export class CredentialConnection extends ConnectionOf(Credential, 'Credential') {}

/** Result of a live credential check. */
@ObjectType()
export class CredentialValidation {
  @Field()
  valid!: boolean;

  @Field(() => String, { nullable: true, description: 'AUTH_FAILED, UNREACHABLE or MALFORMED when not valid.' })
  reason!: string | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => String, { nullable: true, description: 'The identity the credential acts as, when the provider tells.' })
  identity!: string | null;
}
