import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** How an alarm rule compares a monitor value with its threshold. */
export enum AlarmConditionType {
  GT = 'GT',
  GTE = 'GTE',
  LT = 'LT',
  LTE = 'LTE',
}

registerEnumType(AlarmConditionType, { name: 'AlarmCondition', description: 'value > (GT), >= (GTE), < (LT) or <= (LTE) the threshold.' });

/** One step of a monitor series. */
@ObjectType({ description: 'One step of a monitor series: the step’s start and its aggregated value.' })
export class MonitorPoint {
  @Field(() => Date, { description: 'Start of the step.' })
  at!: Date;

  @Field(() => Float, { nullable: true, description: 'The step’s value of an int item, by the item’s statistics type.' })
  value!: number | null;

  @Field(() => String, { nullable: true, description: 'The step’s value of a str item (mode or latest).' })
  text!: string | null;
}

/** The steps of one monitor item on one node, or rolled up over the cluster's nodes. */
@ObjectType({ description: 'The steps of one monitor item on one node, or rolled up over the cluster’s nodes. Steps without samples are left out.' })
export class MonitorSeries {
  @Field()
  item!: string;

  @Field({ description: 'As the package declares it (may be empty).' })
  unit!: string;

  @Field({ description: 'int or str.' })
  valueType!: string;

  @Field({ description: 'How each step combines its samples: min, max, avg, delta, rate, mode, median or latest (the package’s, default latest).' })
  statisticsType!: string;

  @Field(() => ID, { nullable: true, description: 'The node; null for the roll-up over the cluster’s nodes (delta and rate add the nodes’ values up).' })
  nodeId!: string | null;

  @Field(() => [MonitorPoint])
  points!: MonitorPoint[];
}

/** An alarm rule of a cluster and where it is raised. */
@ObjectType({ description: 'An alarm rule on a monitor item: raised on a node when the item meets the condition `consecutive` samples in a row.' })
export class ClusterAlarm {
  @Field(() => ID)
  id!: string;

  @Field()
  item!: string;

  @Field(() => String, { nullable: true, description: 'The role whose nodes (and replicas) it watches; null: every node reporting the item.' })
  role!: string | null;

  @Field(() => AlarmConditionType)
  condition!: AlarmConditionType;

  @Field(() => Float)
  threshold!: number;

  @Field(() => Int)
  consecutive!: number;

  @Field()
  createdBy!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => [ID], { description: 'Nodes on which the alarm is raised now.' })
  activeNodes!: string[];
}
