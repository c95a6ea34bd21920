import { Field, Int, ObjectType } from '@nestjs/graphql';

/** What `rotateKeys` did to one kind of sealed secret. */
@ObjectType({ description: 'What rotateKeys did to one kind of sealed secret. Ids only, never a secret.' })
export class KeyRotationCount {
  @Field({ description: 'runtime-credential, repo-credential or job-spec.' })
  kind!: string;

  @Field(() => Int, { description: 'Moved to the newest key by this run.' })
  resealed!: number;

  @Field(() => Int, { description: 'Already under the newest key when the run began.' })
  alreadyCurrent!: number;

  @Field(() => Int, { description: 'Sealed with a key the ring does not hold, or tampered: left as they are.' })
  failed!: number;

  @Field(() => [String], { description: 'Ids of the rows counted in failed.' })
  failedIds!: string[];
}

/** The result of re-sealing every stored secret under the newest master key. */
@ObjectType({ description: 'The result of re-sealing every stored secret under the newest master key.' })
export class KeyRotation {
  @Field({ description: 'Id of the newest master key (the first of PITRIX_SECRET_KEYS).' })
  keyId!: string;

  @Field(() => [KeyRotationCount])
  kinds!: KeyRotationCount[];
}
