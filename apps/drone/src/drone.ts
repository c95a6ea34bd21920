import { create, toBinary } from '@bufbuild/protobuf';
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import {
  CommandReplySchema,
  CommandState,
  decodeMessage,
  droneSubjects,
  healthCheckFor,
  monitorFor,
  RunCommandRequestSchema,
  toWireError,
  type CommandReply,
} from '@pitrix/agent-protocol';
import type { DroneConfig } from '@pitrix/config';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CommandService } from './commands/command-service.js';
import { CommandStore } from './commands/command-store.js';
import { HealthChecker } from './health/health-checker.js';
import { startHeartbeats } from './heartbeat.js';
import { nodeIdentity, type NodeIdentity } from './identity.js';
import { MonitorCollector } from './monitor/index.js';
import type { Logger } from './log.js';
import { MetadataApplier } from './metadata/metadata-applier.js';
import { startMetadataServer } from './metadata/metadata-server.js';
import { watchMetadata } from './metadata/metadata-watch.js';
import { droneVersion } from './version.js';

/** What the drone takes from its process besides its configuration. */
export interface DroneOptions {
  readonly log: Logger;
  /** PATH given to commands (the provider puts the node's tools on it). */
  readonly path: string;
  /** The command wrapper's entry (default: next to this file). */
  readonly wrapperPath?: string;
}

/** A running drone. */
export interface RunningDrone {
  readonly identity: NodeIdentity;
  /** Stops the drone; commands keep running in their wrappers and are reattached on the next start. */
  stop(): Promise<void>;
}

const RESULT_TAIL_BYTES = 8 * 1024;

/**
 * Starts a drone: its metadata server on the node's private address, its connection to the
 * frontgate with its own key, the command service (reattaching to commands a previous run left
 * running), the metadata watch that renders config, the health checks, the monitor and the heartbeats.
 */
export async function startDrone(config: DroneConfig, options: DroneOptions): Promise<RunningDrone> {
  const stateDir = join(config.agent.dataDir, '.pitrix-drone');
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const views: { applier?: MetadataApplier } = {};
  const metadata = await startMetadataServer(config.drone.privateIp, config.drone.metadataPort, () => (views.applier as MetadataApplier).current);
  const identity = nodeIdentity(config, metadata.url);
  const applier = (views.applier = new MetadataApplier(identity, stateDir, options.path, options.log));
  const subjects = droneSubjects(identity.frontgateId, identity.nodeId);
  const nats = await connectToFrontgate(config, subjects.inboxPrefix);
  const commands = serveCommands(nats, config, identity, applier, { ...options, stateDir });
  const health = new HealthChecker(identity, options.path, options.log, (report) => nats.publish(subjects.health, report));
  const monitor = new MonitorCollector(identity, options.path, options.log, (report) => nats.publish(subjects.monitor, report));
  const stopWatch = await watchMetadata(nats, options.log, (snapshot) => {
    applier.submit(snapshot.entries, snapshot.revision);
    health.configure(healthCheckFor(snapshot.entries, identity.clusterId, identity.role));
    monitor.configure(monitorFor(snapshot.entries, identity.clusterId, identity.role));
  });
  const stopBeats = startHeartbeats(nats, {
    identity,
    version: droneVersion(),
    startedAt: Date.now(),
    intervalMs: config.drone.heartbeatIntervalMs,
    metadataRevision: () => applier.revision,
    runningCommands: () => commands.running,
    renderError: () => applier.renderError,
  });
  options.log.info(`drone of ${identity.nodeId} connected to ${config.drone.frontgateUrl}; metadata at ${metadata.url}`);
  return {
    identity,
    stop: async () => {
      stopBeats();
      stopWatch();
      health.stop();
      monitor.stop();
      await nats.drain().catch(() => undefined);
      await new Promise((resolve) => metadata.server.close(resolve));
    },
  };
}

/** Opens the command log, reattaches to unfinished commands and answers command requests. */
function serveCommands(nats: NatsConnection, config: DroneConfig, identity: NodeIdentity, applier: MetadataApplier, options: DroneOptions & { stateDir: string }): CommandService {
  const subjects = droneSubjects(identity.frontgateId, identity.nodeId);
  const store = new CommandStore(join(options.stateDir, 'commands'), { wrapperPath: options.wrapperPath ?? join(__dirname, 'commands/wrapper-main.js'), tailBytes: RESULT_TAIL_BYTES });
  store.prune(config.drone.commandRetentionHours * 3_600_000);
  const commands = new CommandService({
    store,
    identity,
    path: options.path,
    log: options.log,
    publishProgress: (id, payload) => nats.publish(subjects.progress(id), payload),
    waitForMetadata: (revision, waitMs) => applier.waitFor(revision, waitMs),
  });
  commands.reattach();
  nats.subscribe(subjects.command, {
    callback: (err, msg) => {
      if (err) return options.log.warn(`command subscription: ${err.message}`);
      const reply = (request: Promise<CommandReply>) => void request.then((answer) => msg.respond(toBinary(CommandReplySchema, answer)));
      try {
        reply(commands.handle(decodeMessage(RunCommandRequestSchema, msg.data)));
      } catch (decodeError) {
        reply(Promise.resolve(create(CommandReplySchema, { state: CommandState.REJECTED, error: toWireError(decodeError) })));
      }
    },
  });
  return commands;
}

function connectToFrontgate(config: DroneConfig, inboxPrefix: string): Promise<NatsConnection> {
  return connect({
    servers: config.drone.frontgateUrl,
    authenticator: nkeyAuthenticator(new TextEncoder().encode(config.drone.seed)),
    inboxPrefix,
    name: `drone ${config.drone.nodeId}`,
    // The provider may start the drone before its frontgate has admitted its key: keep trying
    // through authorization errors, and give up on a stalled attempt after 2 s.
    waitOnFirstConnect: true,
    ignoreAuthErrorAbort: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    timeout: 2_000,
  });
}
