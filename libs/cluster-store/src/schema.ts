import { ClusterInit1732800000000 } from './1732800000000-cluster-init.js';

/** The `cluster` schema: events, job specs and read models (plain SQL, no entities). */
export const clusterSchema = {
  schema: 'cluster',
  entities: [],
  migrations: [ClusterInit1732800000000],
};
