import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf } from '../../graphql/pagination.js';
import { JsonObjectScalar } from '../../graphql/json-object.scalar.js';

/** A maintainer of an app. */
@ObjectType()
export class MaintainerView {
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) url!: string | null;
}

/** An application: every version of one package in one repo. */
@ObjectType({ description: 'An application; its metadata comes from its newest version, its status from all of them.' })
export class App {
  @Field(() => ID) id!: string;
  @Field(() => ID) repoId!: string;
  @Field() name!: string;
  @Field() description!: string;
  @Field(() => String, { nullable: true }) home!: string | null;
  @Field(() => String, { nullable: true }) icon!: string | null;
  @Field(() => [String]) keywords!: string[];
  @Field(() => [MaintainerView]) maintainers!: MaintainerView[];
  @Field(() => [String]) sources!: string[];
  @Field(() => String, { nullable: true }) latestVersion!: string | null;
  @Field({ description: 'active, draft, suspended or deleted (derived from its versions).' }) status!: string;
  @Field(() => [String]) categories!: string[];
  @Field() owner!: string;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

/** A page of apps. */
@ObjectType()
export class AppConnection extends ConnectionOf(App, 'App') {}

/** One version of an app: one package. */
@ObjectType({ description: 'One version of an app: one package archive and its review status.' })
export class AppVersion {
  @Field(() => ID) id!: string;
  @Field(() => ID) appId!: string;
  @Field(() => ID) repoId!: string;
  @Field({ description: 'Package name.' }) name!: string;
  @Field() version!: string;
  @Field(() => String, { nullable: true }) appVersion!: string | null;
  @Field({ description: 'pitrix (a Pitrix package: deployed on machine runtimes such as local and aws) or helm (a Helm chart: deployed on kubernetes runtimes).' }) kind!: string;
  @Field(() => JsonObjectScalar, { nullable: true, description: "A Helm chart's Chart.yaml fields (apiVersion, name, version, appVersion, kubeVersion, type, icon...); null for a Pitrix package." }) chart!: Record<string, unknown> | null;
  @Field() description!: string;
  @Field({ description: 'Path of the archive in its repo.' }) packagePath!: string;
  @Field({ description: 'sha256 of the archive, hex.' }) digest!: string;
  @Field(() => Int) size!: number;
  @Field({ description: 'draft, submitted, in-review, passed, active, rejected, suspended or deleted.' }) status!: string;
  @Field(() => String, { nullable: true, description: 'The message of the last submit, cancel or reject.' }) message!: string | null;
  @Field(() => Int) deploymentCount!: number;
  @Field({ description: 'index or upload.' }) source!: string;
  @Field() owner!: string;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field() statusTime!: Date;
}

/** A page of versions. */
@ObjectType()
export class AppVersionConnection extends ConnectionOf(AppVersion, 'AppVersion') {}

/** One file of a package. */
@ObjectType()
export class PackageFileView {
  @Field() path!: string;
  @Field(() => Int) size!: number;
  @Field(() => Int) mode!: number;
  @Field(() => String, { nullable: true, description: 'The content when it is UTF-8 text.' }) text!: string | null;
}

/** What a version's package holds, for the dashboard. */
@ObjectType()
export class AppVersionPackage {
  @Field(() => ID) versionId!: string;
  @Field({ description: 'pitrix or helm, as on the version.' }) kind!: string;
  @Field(() => [PackageFileView]) files!: PackageFileView[];
  @Field(() => JsonObjectScalar, {
    description: 'The blueprint rendered with the default values; for a Helm chart { kind: "helm", chart: <Chart.yaml fields>, values: <values.yaml>, manifests: <helm template output with the defaults>, renderError: <helm\'s message when it does not render> }.',
  }) blueprint!: Record<string, unknown>;
  @Field(() => JsonObjectScalar, { description: 'The parameters as a form (from config.json, or a chart\'s values.schema.json / values.yaml): sections and fields with type, default, constraints and labels.' }) configForm!: Record<string, unknown>;
  @Field(() => String, { nullable: true, description: 'README.md of the package, Markdown as written (clients sanitise what they render).' }) readme!: string | null;
  @Field(() => [String], { description: 'Screenshot URLs from package.json (at most 6).' }) screenshots!: string[];
}

/** One audited transition. */
@ObjectType()
export class VersionAudit {
  @Field(() => ID) id!: string;
  @Field(() => ID) versionId!: string;
  @Field(() => ID) appId!: string;
  @Field() action!: string;
  @Field() actor!: string;
  @Field() role!: string;
  @Field(() => String, { nullable: true }) fromStatus!: string | null;
  @Field() toStatus!: string;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field() createdAt!: Date;
}

/** A page of audits. */
@ObjectType()
export class VersionAuditConnection extends ConnectionOf(VersionAudit, 'VersionAudit') {}

/** A category. */
@ObjectType()
export class Category {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() description!: string;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

/** A page of categories. */
@ObjectType()
export class CategoryConnection extends ConnectionOf(Category, 'Category') {}

/** A runtime that may deploy a version. */
@ObjectType()
export class EligibleRuntime {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() provider!: string;
  @Field() zone!: string;
}
