import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { JsonObjectScalar } from '../../graphql/json-object.scalar.js';

const STATUSES = ['pending', 'active', 'stopped', 'failed', 'deleted', 'ceased'];

/** Filters of the `clusters` query; all optional, combined with AND. */
@InputType()
export class ClusterFilter {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  runtimeId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  appId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(STATUSES)
  status?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  owner?: string;

  @Field(() => String, { nullable: true, description: 'Matches id, name or description.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}

/** The package of a create or upgrade: a catalog app version, or a local package path. */
@InputType()
export class PackageRefInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  appVersionId?: string;

  @Field(() => String, { nullable: true, description: 'A package folder, .tgz or file:// URL on the API machine (for developers).' })
  @IsOptional()
  @IsString()
  packageUrl?: string;
}

/** Whether the resurrector heals a cluster's nodes that are down, and after how long. */
@InputType()
export class HealingInput {
  @Field({ description: 'Heal nodes that are down (a new instance under the same node id).' })
  @IsBoolean()
  enabled!: boolean;

  @Field(() => Int, { defaultValue: 60, description: 'Seconds a node may be silent, or unhealthy after its own action, before it is healed (1 to 86,400).' })
  @IsInt()
  @Min(1)
  @Max(86_400)
  graceSeconds!: number;
}

/** Input of `createCluster`. */
@InputType()
export class CreateClusterInput extends PackageRefInput {
  @Field(() => String, { nullable: true, description: 'Where to deploy; picked among the caller’s runtimes when absent.' })
  @IsOptional()
  @IsString()
  runtimeId?: string;

  @Field(() => JsonObjectScalar, { nullable: true, description: 'Values over the package defaults, checked against its config.json.' })
  @IsOptional()
  @IsObject()
  values?: Record<string, unknown>;

  @Field({ defaultValue: false, description: 'Roll back by itself when a task fails.' })
  @IsBoolean()
  atomic!: boolean;

  @Field(() => HealingInput, { nullable: true, description: 'Healing of the cluster’s nodes; on, after 60 s, when absent.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => HealingInput)
  healing?: HealingInput;
}

/** Input of `upgradeCluster`. */
@InputType()
export class UpgradeClusterInput extends PackageRefInput {
  @Field(() => JsonObjectScalar, { nullable: true, description: 'Values changed over the cluster’s current ones.' })
  @IsOptional()
  @IsObject()
  values?: Record<string, unknown>;

  @Field(() => Int, { defaultValue: 1, description: 'Nodes per role upgraded first, alone.' })
  @IsInt()
  @Min(0)
  canary!: number;

  @Field(() => Int, { defaultValue: 1, description: 'At most this many nodes per role at a time after the canaries.' })
  @IsInt()
  @Min(1)
  maxInFlight!: number;

  @Field({ defaultValue: false, description: 'Roll back by itself when a task fails (a batch that does not pass its health checks included).' })
  @IsBoolean()
  atomic!: boolean;
}

/** New vertical size of a role. */
@InputType()
export class RoleSizeInput {
  @Field()
  @IsString()
  role!: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1024)
  cpu?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(16)
  memoryMiB?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  volumeSizeGiB?: number;
}

/** Input of `resizeCluster`. */
@InputType()
export class ResizeClusterInput {
  @Field(() => [RoleSizeInput])
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => RoleSizeInput)
  roles!: RoleSizeInput[];
}

/** Input of `runClusterAction`. */
@InputType()
export class RunClusterActionInput {
  @Field({ description: 'A custom action the blueprint declares.' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'name must be letters, digits, _ and -' })
  name!: string;

  @Field(() => JsonObjectScalar, { nullable: true })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;
}
