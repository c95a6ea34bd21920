import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionOf } from '../../graphql/pagination.js';

/** A node's health as the agent monitor derives it from its drone's heartbeats and health checks. */
@ObjectType()
export class NodeHealth {
  @Field({ description: 'healthy, unhealthy or unknown.' })
  status!: string;

  @Field({ description: 'Stable machine reason, e.g. HeartbeatMissing.' })
  reason!: string;

  @Field()
  message!: string;

  @Field(() => Date, { nullable: true, description: 'When the node entered this status (null for a node never seen).' })
  since!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last heartbeat or health report seen.' })
  observedAt!: Date | null;
}

/** Whether the resurrector heals the cluster's nodes that are down, and after how long. */
@ObjectType()
export class ClusterHealing {
  @Field()
  enabled!: boolean;

  @Field(() => Int, { description: 'Seconds a node may be silent, or unhealthy after its own action, before it is healed.' })
  graceSeconds!: number;
}

/** A cluster's health rolled up from its running nodes. */
@ObjectType()
export class ClusterHealth {
  @Field({ description: 'healthy (every running node is), degraded (some are), unhealthy (none is and one fails) or unknown (nothing reported).' })
  status!: string;

  @Field(() => Int)
  healthy!: number;

  @Field(() => Int)
  unhealthy!: number;

  @Field(() => Int, { description: 'Running nodes whose drone has not reported, or stopped reporting.' })
  unknown!: number;

  @Field(() => Date, { nullable: true, description: 'When the newest node status began.' })
  since!: Date | null;
}

/** One node's health in a health change. */
@ObjectType()
export class NodeHealthEntry extends NodeHealth {
  @Field(() => ID)
  nodeId!: string;
}

/** A cluster's health as pushed by the `clusterHealth` subscription. */
@ObjectType()
export class ClusterHealthChange {
  @Field(() => ID)
  clusterId!: string;

  @Field(() => ClusterHealth)
  health!: ClusterHealth;

  @Field(() => [NodeHealthEntry], { description: 'Each running node; a node that never reported is unknown with reason NeverSeen.' })
  nodes!: NodeHealthEntry[];
}

/** A node of a cluster. */
@ObjectType()
export class ClusterNode {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Role as deployed: a role name, `<role>-replica`, or empty for a role-less app.' })
  role!: string;

  @Field()
  baseRole!: string;

  @Field(() => Int)
  serverId!: number;

  @Field(() => Int)
  groupId!: number;

  @Field()
  status!: string;

  @Field(() => String, { nullable: true })
  instanceId!: string | null;

  @Field(() => String, { nullable: true })
  privateIp!: string | null;

  @Field(() => Int)
  cpu!: number;

  @Field(() => Int)
  memoryMiB!: number;

  @Field(() => Int)
  volumeSizeGiB!: number;

  @Field(() => NodeHealth, { nullable: true, description: 'Null until its drone has reported (and for planned nodes).' })
  health?: NodeHealth | null;
}

/** A role of a cluster: node count, size and container image. */
@ObjectType()
export class ClusterRole {
  @Field()
  role!: string;

  @Field(() => Int)
  nodeCount!: number;

  @Field(() => Int)
  cpu!: number;

  @Field(() => Int)
  memoryMiB!: number;

  @Field(() => Int)
  volumeSizeGiB!: number;

  @Field(() => String, { nullable: true, description: "The role's container.image in the cluster's current blueprint; null when the role declares none." })
  containerImage!: string | null;
}

/** An endpoint a cluster serves. */
@ObjectType()
export class ClusterEndpoint {
  @Field()
  name!: string;

  @Field()
  host!: string;

  @Field(() => Int)
  port!: number;

  @Field()
  protocol!: string;
}

/** An application instance on a runtime. */
@ObjectType({ description: 'An application instance on a runtime; nodes, roles and endpoints are loaded on demand.' })
export class Cluster {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field()
  appId!: string;

  @Field()
  versionId!: string;

  @Field()
  runtimeId!: string;

  @Field({ description: 'pending, active, stopped, failed, deleted or ceased.' })
  status!: string;

  @Field({ description: 'What a running job is doing (creating, stopping, ...); empty when idle.' })
  transitionStatus!: string;

  @Field({ description: 'Stable machine reason of the status (JobStarted, JobSucceeded, TaskFailed, ...).' })
  statusReason!: string;

  @Field()
  statusMessage!: string;

  @Field(() => String, { nullable: true })
  lastJobId!: string | null;

  @Field(() => String, { nullable: true })
  failedJobId!: string | null;

  @Field(() => ClusterHealing)
  healing!: ClusterHealing;

  @Field()
  owner!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

/** A page of clusters. */
@ObjectType()
export class ClusterConnection extends ConnectionOf(Cluster, 'Cluster') {}
