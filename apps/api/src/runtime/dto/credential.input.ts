import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsObject, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { JsonObjectScalar } from '../../graphql/json-object.scalar.js';

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Input of `createCredential`. */
@InputType()
export class CreateCredentialInput {
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

  @Field(() => String, { nullable: true, description: 'Provider API endpoint, when not the default.' })
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  endpoint?: string;

  @Field(() => JsonObjectScalar, { description: 'Secret fields, e.g. {accessKeyId, secretAccessKey}. Sealed at once, never returned.' })
  @IsObject()
  secret!: Record<string, unknown>;

  @Field({ defaultValue: true, description: 'Check the credential against the provider before storing it.' })
  @IsBoolean()
  validate!: boolean;
}

/** Input of `updateCredential`: only what is given changes. */
@InputType()
export class UpdateCredentialInput {
  @Field({ nullable: true })
  @IsOptional()
  @Matches(NAME, { message: 'name must be lowercase letters, digits and -' })
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  endpoint?: string;

  @Field(() => JsonObjectScalar, { nullable: true, description: 'New secret fields (replaces the old secret).' })
  @IsOptional()
  @IsObject()
  secret?: Record<string, unknown>;
}
