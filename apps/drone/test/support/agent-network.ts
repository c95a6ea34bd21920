import type { NatsConnection } from '@nats-io/transport-node';
import { createAgentPlane, type AgentPlane, type NodeIdentity } from '@pitrix/agent-plane';
import {
  startTcpProxy,
  startTestDrone,
  startTestFrontgate,
  startTestNatsHub,
  type TcpProxy,
  type TestDrone,
  type TestFrontgate,
  type TestNatsHub,
} from '@pitrix/testing';

/** A hub, the platform's agent plane on it, and frontgates whose leaf links go through cuttable proxies. */
export interface AgentNetwork {
  readonly hub: TestNatsHub;
  readonly nats: NatsConnection;
  readonly plane: AgentPlane;
  readonly frontgates: Map<string, TestFrontgate>;
  readonly links: Map<string, TcpProxy>;
  /** The drone of `nodeId` started by `addDrone`. */
  drone(nodeId: string): TestDrone;
  /** Starts frontgate `id`, dialling the hub through its own proxy. */
  addFrontgate(id: string): Promise<TestFrontgate>;
  /** Registers and starts the drone of `node` on frontgate `frontgateId`. */
  addDrone(frontgateId: string, node: Partial<NodeIdentity> & { nodeId: string }, env?: Record<string, string>): Promise<TestDrone>;
  close(): Promise<void>;
}

/** An address nothing listens on: the hub advertises it, so frontgates reconnect only through their proxies. */
const NOWHERE = '127.0.0.254:9';

/** Starts a hub and the agent plane; frontgates and drones are added by the test. */
export async function startAgentNetwork(): Promise<AgentNetwork> {
  const hub = await startTestNatsHub({ leafAdvertise: NOWHERE });
  const nats = await hub.connect();
  const plane = await createAgentPlane(nats, hub.natsConfig);
  const frontgates = new Map<string, TestFrontgate>();
  const links = new Map<string, TcpProxy>();
  const drones = new Map<string, TestDrone>();
  const leafPort = Number(new URL(hub.leafUrl).port);
  return {
    hub,
    nats,
    plane,
    frontgates,
    links,
    drone: (nodeId) => {
      const drone = drones.get(nodeId);
      if (!drone) throw new Error(`no drone ${nodeId} was started`);
      return drone;
    },
    addFrontgate: async (id) => {
      const link = await startTcpProxy('127.0.0.1', leafPort);
      links.set(id, link);
      const frontgate = await startTestFrontgate(plane, { frontgateId: id, hubLeafUrl: `tls://127.0.0.1:${link.port}` });
      frontgates.set(id, frontgate);
      return frontgate;
    },
    addDrone: async (frontgateId, node, env) => {
      const identity: NodeIdentity = { clusterId: 'cl-1', role: '', serverId: 1, groupId: 1, ...node };
      const drone = await startTestDrone(plane, frontgates.get(frontgateId) as TestFrontgate, identity, { env });
      drones.set(identity.nodeId, drone);
      return drone;
    },
    close: async () => {
      await Promise.all([...drones.values()].map((drone) => drone.stop().catch(() => undefined)));
      await Promise.all([...frontgates.values()].map((frontgate) => frontgate.stop().catch(() => undefined)));
      await Promise.all([...links.values()].map((link) => link.close()));
      await plane.close();
      await nats.close();
      await hub.stop();
    },
  };
}
