import { ClusterInit1732800000000 } from './1732800000000-cluster-init.js';
import { ClusterHealing1733100000000 } from './1733100000000-cluster-healing.js';
import { ClusterLinks1733200000000 } from './1733200000000-cluster-links.js';
import { ClusterAlarms1733300000000 } from './1733300000000-cluster-alarms.js';

/** The `cluster` schema: events, job specs and read models (plain SQL, no entities). */
export const clusterSchema = {
  schema: 'cluster',
  entities: [],
  migrations: [ClusterInit1732800000000, ClusterHealing1733100000000, ClusterLinks1733200000000, ClusterAlarms1733300000000],
};
