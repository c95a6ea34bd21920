import { graphql } from '../../graphql.js';

// One mutation per cluster operation; each answers the accepted job, whose page the user goes to.
export const START = graphql(`mutation StartCluster($id: ID!) { startCluster(id: $id) { jobId } }`);
export const STOP = graphql(`mutation StopCluster($id: ID!) { stopCluster(id: $id) { jobId } }`);
export const RESTART = graphql(`mutation RestartCluster($id: ID!) { restartCluster(id: $id) { jobId } }`);
export const ADD_NODES = graphql(`mutation AddNodes($id: ID!, $role: String!, $count: Int!) { addNodes(id: $id, role: $role, count: $count) { jobId } }`);
export const DELETE_NODES = graphql(`mutation DeleteNodes($id: ID!, $nodeIds: [ID!]!, $force: Boolean!) { deleteNodes(id: $id, nodeIds: $nodeIds, force: $force) { jobId } }`);
export const RESIZE = graphql(`mutation ResizeCluster($id: ID!, $input: ResizeClusterInput!) { resizeCluster(id: $id, input: $input) { jobId } }`);
export const UPGRADE = graphql(`mutation UpgradeCluster($id: ID!, $input: UpgradeClusterInput!) { upgradeCluster(id: $id, input: $input) { jobId } }`);
export const UPDATE_ENV = graphql(`mutation UpdateClusterEnv($id: ID!, $values: JSONObject!) { updateClusterEnv(id: $id, values: $values) { jobId } }`);
export const RUN_ACTION = graphql(`mutation RunClusterAction($id: ID!, $input: RunClusterActionInput!) { runClusterAction(id: $id, input: $input) { jobId } }`);
export const BACKUP = graphql(`mutation BackupCluster($id: ID!, $snapshotId: String) { backupCluster(id: $id, snapshotId: $snapshotId) { jobId } }`);
export const RESTORE = graphql(`mutation RestoreCluster($id: ID!, $snapshotId: String!) { restoreCluster(id: $id, snapshotId: $snapshotId) { jobId } }`);
export const DELETE = graphql(`mutation DeleteCluster($id: ID!, $force: Boolean!) { deleteCluster(id: $id, force: $force) { jobId } }`);
export const RECOVER = graphql(`mutation RecoverCluster($id: ID!) { recoverCluster(id: $id) { jobId } }`);
export const CEASE = graphql(`mutation CeaseCluster($id: ID!) { ceaseCluster(id: $id) { jobId } }`);
