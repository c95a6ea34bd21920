import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ContainerImageHandling } from '@pitrix/provider-contract';
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

/** What kind of value a runtime option holds (the contract's `string-list` is `STRING_LIST`). */
export enum ProviderOptionType {
  STRING = 'STRING',
  NUMBER = 'NUMBER',
  BOOLEAN = 'BOOLEAN',
  STRING_LIST = 'STRING_LIST',
  JSON = 'JSON',
}

registerEnumType(ProviderOptionType, {
  name: 'ProviderOptionType',
  description: 'What kind of value a runtime option holds; JSON is a structured value no simple input fits.',
});

/** One runtime option of a provider, described for forms. */
@ObjectType({ description: 'One runtime option of a provider, described for forms.' })
export class ProviderOptionField {
  @Field({ description: 'Where the value lives in the options; a dot nests it (quota.cpu is { quota: { cpu } }).' })
  key!: string;

  @Field()
  label!: string;

  @Field(() => ProviderOptionType)
  type!: ProviderOptionType;

  @Field({ description: 'What the option does and what leaving it unset means.' })
  description!: string;

  @Field({ description: 'Whether a runtime of the provider cannot work without it.' })
  required!: boolean;

  @Field(() => String, { nullable: true, description: 'The value used when the option is unset, as JSON text; null when unset means something else.' })
  defaultJson!: string | null;
}

/** A runtime provider this installation offers. */
@ObjectType()
export class ProviderInfo {
  @Field()
  name!: string;

  @Field({ description: 'Whether its runtimes need a credential.' })
  requiresCredential!: boolean;

  @Field(() => String, {
    description: "What it does with a role's container.image: ignored or mapped (aws boots the AMI its runtime's images option maps the image to). A Kubernetes provider runs charts, which name their own images: ignored.",
  })
  containerImages!: ContainerImageHandling;

  @Field(() => [ProviderOptionField], { description: 'Every runtime option the provider accepts; any other key is RUNTIME.OPTIONS_INVALID.' })
  optionFields!: ProviderOptionField[];
}

/** Result of a live check of a stored runtime. */
@ObjectType({ description: 'Result of a live check of a runtime: its provider, credential, options and zone.' })
export class RuntimeCheck {
  @Field({ description: 'Whether the provider accepts the credential and options and offers the zone.' })
  ok!: boolean;

  @Field({ description: 'What was found, for people; never contains a secret.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'The error code of what failed (RUNTIME.CREDENTIAL_INVALID, RUNTIME.ZONE_NOT_FOUND, ...); null when ok.' })
  code!: string | null;

  @Field(() => String, { nullable: true, description: 'The identity the credential acts as, when the provider tells.' })
  identity!: string | null;
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
