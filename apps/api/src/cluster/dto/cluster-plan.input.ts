import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsEnum, IsInt, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { JsonObjectScalar } from '../../graphql/json-object.scalar.js';
import { CreateClusterInput, ResizeClusterInput, RunClusterActionInput, UpgradeClusterInput } from './cluster.input.js';

/** The cluster operations a caller can ask for, one per operation mutation; the values are the jobs' `action`s. */
export enum ClusterOperation {
  CREATE = 'create',
  START = 'start',
  STOP = 'stop',
  RESTART = 'restart',
  DELETE = 'delete',
  CEASE = 'cease',
  RECOVER = 'recover',
  UPGRADE = 'upgrade',
  ADD_NODES = 'addNodes',
  DELETE_NODES = 'deleteNodes',
  RESIZE = 'resize',
  UPDATE_ENV = 'updateEnv',
  RUN_ACTION = 'runAction',
  BACKUP = 'backup',
  RESTORE = 'restore',
  DELETE_BACKUP = 'deleteSnapshot',
}
registerEnumType(ClusterOperation, {
  name: 'ClusterOperation',
  description: 'A cluster operation: CREATE is createCluster, ADD_NODES addNodes, RUN_ACTION runClusterAction, and so on.',
});

/**
 * Input of `planClusterOperation`: the operation and the arguments its mutation takes. A field the
 * operation needs and lacks, or one it does not take, is `INPUT.INVALID` naming every such field.
 */
@InputType()
export class ClusterOperationPlanInput {
  @Field(() => ClusterOperation)
  @IsEnum(ClusterOperation)
  operation!: ClusterOperation;

  @Field(() => ID, { nullable: true, description: 'The cluster: every operation but CREATE.' })
  @IsOptional()
  @IsString()
  clusterId?: string;

  @Field(() => CreateClusterInput, { nullable: true, description: 'CREATE: what createCluster takes.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreateClusterInput)
  create?: CreateClusterInput;

  @Field(() => UpgradeClusterInput, { nullable: true, description: 'UPGRADE: what upgradeCluster takes.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => UpgradeClusterInput)
  upgrade?: UpgradeClusterInput;

  @Field(() => String, { nullable: true, description: 'ADD_NODES: the role to grow.' })
  @IsOptional()
  @IsString()
  role?: string;

  @Field(() => Int, { nullable: true, description: 'ADD_NODES: nodes to add.' })
  @IsOptional()
  @IsInt()
  count?: number;

  @Field(() => [ID], { nullable: true, description: 'DELETE_NODES: the nodes to remove.' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  nodeIds?: string[];

  @Field(() => Boolean, { nullable: true, description: 'DELETE and DELETE_NODES: override destroy-hook vetoes; DELETE and CEASE: go ahead while live clusters link to the cluster (default false).' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;

  @Field(() => ResizeClusterInput, { nullable: true, description: 'RESIZE: what resizeCluster takes.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResizeClusterInput)
  resize?: ResizeClusterInput;

  @Field(() => JsonObjectScalar, { nullable: true, description: 'UPDATE_ENV: the values to change.' })
  @IsOptional()
  @IsObject()
  values?: Record<string, unknown>;

  @Field(() => RunClusterActionInput, { nullable: true, description: 'RUN_ACTION: what runClusterAction takes.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RunClusterActionInput)
  action?: RunClusterActionInput;

  @Field(() => String, { nullable: true, description: 'RESTORE: the snapshot to restore; BACKUP: the snapshot id to use (a new one when absent).' })
  @IsOptional()
  @IsString()
  snapshotId?: string;
}
