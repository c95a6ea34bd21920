import type { SchemaModule } from '../schema-module.js';
import { AgentsInit1795600000000 } from './1795600000000-agents-init.js';
import { NODE_HEALTH_CHANNEL, NodeHealthSince1795600000001 } from './1795600000001-node-health-since.js';
import { NodeHealthSuccesses1795600000002 } from './1795600000002-node-health-successes.js';
import { MonitorSamples1795600000003 } from './1795600000003-monitor-samples.js';
import { FrontgateConnectedNodes1795600000004 } from './1795600000004-frontgate-connected-nodes.js';
import { FrontgateHealthEntity } from './frontgate-health.entity.js';
import { NodeHealthEntity } from './node-health.entity.js';

/** The `agents` schema: health of nodes and frontgates, derived from the agent plane's reports, and monitor samples. */
export const agentsSchema: SchemaModule = {
  schema: 'agents',
  entities: [NodeHealthEntity, FrontgateHealthEntity],
  migrations: [AgentsInit1795600000000, NodeHealthSince1795600000001, NodeHealthSuccesses1795600000002, MonitorSamples1795600000003, FrontgateConnectedNodes1795600000004],
};

export { FrontgateHealthEntity, NODE_HEALTH_CHANNEL, NodeHealthEntity };
