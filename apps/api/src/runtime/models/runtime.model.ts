import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionOf } from '../../graphql/pagination.js';
import { JsonObjectScalar } from '../../graphql/json-object.scalar.js';

/** A label or selector term. */
@ObjectType()
export class Label {
  @Field()
  key!: string;

  @Field()
  value!: string;
}

/** A place to deploy applications. */
@ObjectType({ description: 'A place to deploy: a provider, a zone, a credential, labels and options.' })
export class Runtime {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field({ description: 'Provider name: local, aws, ...' })
  provider!: string;

  @Field()
  zone!: string;

  @Field(() => String, { nullable: true, description: 'Reference to the credential; the credential itself is never returned.' })
  credentialId!: string | null;

  @Field(() => [Label])
  labels!: Label[];

  @Field(() => JsonObjectScalar, { description: 'Provider options (never secrets).' })
  options!: Record<string, unknown>;

  @Field()
  owner!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

/** A page of runtimes. */
@ObjectType()
export class RuntimeConnection extends ConnectionOf(Runtime, 'Runtime') {}

/** A runtime provider this installation offers. */
@ObjectType()
export class ProviderInfo {
  @Field()
  name!: string;

  @Field({ description: 'Whether its runtimes need a credential.' })
  requiresCredential!: boolean;
}

/** A zone a credential can deploy into. */
@ObjectType()
export class Zone {
  @Field()
  id!: string;

  @Field()
  name!: string;

  @Field()
  available!: boolean;
}

/** A resource that was deleted. */
@ObjectType()
export class Deleted {
  @Field(() => ID)
  id!: string;
}
