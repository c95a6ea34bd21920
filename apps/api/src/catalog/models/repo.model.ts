import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf } from '../../graphql/pagination.js';
import { Label } from '../../runtime/models/runtime.model.js';

/** A package repository. Its credential is sealed and never part of this type. */
@ObjectType({ description: 'A package repository: where packages live and who may deploy them.' })
export class Repo {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() description!: string;
  @Field({ description: 'file://, http(s):// or s3:// URL.' }) url!: string;
  @Field({ description: 'public (reviewed, listed to all) or private (listed to its owner).' }) visibility!: string;
  @Field(() => [String], { description: 'Runtime providers that may deploy its apps.' }) providers!: string[];
  @Field(() => [Label]) labels!: Label[];
  @Field(() => [Label], { description: 'Runtimes whose labels satisfy these may deploy its apps (same key OR, different keys AND).' }) selectors!: Label[];
  @Field({ description: 'Status new versions get when indexed: draft or active.' }) appDefaultStatus!: string;
  @Field(() => [String], { description: 'Category ids its apps are filed under.' }) categories!: string[];
  @Field({ description: 'Whether the repo is read with stored access (the access itself is never returned).' }) authenticated!: boolean;
  @Field(() => Int, { description: 'Seconds between scheduled index runs.' }) indexIntervalSeconds!: number;
  @Field() status!: string;
  @Field(() => Date, { nullable: true }) lastIndexedAt!: Date | null;
  @Field() owner!: string;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

/** A page of repos. */
@ObjectType()
export class RepoConnection extends ConnectionOf(Repo, 'Repo') {}

/** A package the indexer could not take. */
@ObjectType()
export class IndexFailureView {
  @Field() name!: string;
  @Field() version!: string;
  @Field() path!: string;
  @Field() code!: string;
  @Field() reason!: string;
}

/** One index run of a repo. */
@ObjectType({ description: 'One index run of a repo.' })
export class RepoEvent {
  @Field(() => ID) id!: string;
  @Field(() => ID) repoId!: string;
  @Field({ description: 'create, update, manual or schedule.' }) trigger!: string;
  @Field({ description: 'pending, working, successful or failed.' }) status!: string;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Int) added!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) removed!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => [IndexFailureView], { description: 'Packages that were not taken, each with its reason; the rest of the run applied.' }) failures!: IndexFailureView[];
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}

/** A page of repo events. */
@ObjectType()
export class RepoEventConnection extends ConnectionOf(RepoEvent, 'RepoEvent') {}

/** The result of checking a repo's URL and access. */
@ObjectType()
export class RepoValidation {
  @Field() valid!: boolean;
  @Field(() => String, { nullable: true, description: 'The error code when not valid.' }) reason!: string | null;
  @Field(() => String, { nullable: true }) message!: string | null;
}
