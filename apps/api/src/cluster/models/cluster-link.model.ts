import { Field, ObjectType } from '@nestjs/graphql';
import { Cluster } from './cluster.model.js';

/**
 * One link between clusters: in `Cluster.links` the cluster the alias names; in
 * `Cluster.linkedBy` the cluster that names this one under the alias.
 */
@ObjectType()
export class ClusterLink {
  @Field({ description: 'The name the linking cluster’s templates use: `links.<alias>`.' })
  alias!: string;

  @Field(() => Cluster, { nullable: true, description: 'The other cluster; null when the caller may not see it.' })
  cluster!: Cluster | null;
}
