import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { VERSION_STATUSES } from '@pitrix/catalog-store';

/** Sort order of a list: a field and a direction. */
@InputType()
export class SortInput {
  @Field({ description: 'Field to sort by (each list names the ones it accepts).' }) @IsOptional() @IsString() field!: string;
  @Field({ defaultValue: false }) @IsOptional() @IsBoolean() descending!: boolean;
}

/** Filter of `apps`. */
@InputType()
export class AppFilter {
  @Field({ nullable: true, description: 'Case-insensitive match on name, description and keywords.' }) @IsOptional() @IsString() @MaxLength(200) search?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() repoId?: string;
  @Field({ nullable: true }) @IsOptional() @IsIn(['active', 'draft', 'suspended', 'deleted']) status?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() category?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() name?: string;
}

/** Filter of `appVersions`. */
@InputType()
export class AppVersionFilter {
  @Field({ nullable: true }) @IsOptional() @IsString() appId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() repoId?: string;
  @Field({ nullable: true }) @IsOptional() @IsIn([...VERSION_STATUSES]) status?: string;
  @Field({ nullable: true, description: 'Case-insensitive match on name, version and description.' }) @IsOptional() @IsString() @MaxLength(200) search?: string;
}

/** Filter of `audits`. */
@InputType()
export class AuditFilter {
  @Field({ nullable: true }) @IsOptional() @IsString() versionId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() appId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() actor?: string;
}

/** Input of `createCategory` and `updateCategory`. */
@InputType()
export class CategoryInput {
  @Field() @IsString() @MaxLength(100) name!: string;
  @Field({ defaultValue: '' }) @IsString() @MaxLength(1000) description!: string;
}

/** Input of `uploadPackage`: a .tgz, base64-encoded. */
@InputType()
export class UploadPackageInput {
  @Field() @IsString() repoId!: string;
  @Field({ description: 'The .tgz archive, base64.' }) @IsString() archiveBase64!: string;
}
