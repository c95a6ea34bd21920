import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AlarmConditionType } from '../models/monitor.model.js';

/** A new alarm rule on one of the cluster's monitor items. */
@InputType()
export class ClusterAlarmInput {
  @Field({ description: 'A monitor item the role’s package offers for alarms (`monitor.alarm`).' })
  @IsString()
  @MaxLength(200)
  item!: string;

  @Field(() => String, { nullable: true, description: 'Only this role’s nodes (and its replicas); omitted: every role whose monitor declares the item.' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  role?: string;

  @Field(() => AlarmConditionType)
  @IsEnum(AlarmConditionType)
  condition!: AlarmConditionType;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  threshold!: number;

  @Field(() => Int, { defaultValue: 1, description: 'Samples in a row that must meet the condition to raise the alarm (1 to 100).' })
  @IsInt()
  @Min(1)
  @Max(100)
  consecutive!: number;
}
