import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromMs, timestampNow } from '@bufbuild/protobuf/wkt';
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import {
  CommandReplySchema,
  CommandState,
  decodeMessage,
  DroneInfoSchema,
  droneSubjects,
  encodeMessage,
  HeartbeatSchema,
  RunCommandRequestSchema,
  type Command,
  type CommandReply,
} from '@pitrix/agent-protocol';
import type { NodeIdentity } from '../bootstrap/agent-bootstrap.js';

/** The version a simulated drone answers with: it runs no commands and no health checks. */
export const SIMULATED_DRONE_VERSION = 'simulated';

/** What a simulated command reports. */
export interface SimulatedOutcome {
  readonly exitCode: number;
  readonly stdout?: string;
  readonly stderr?: string;
  /** How long it "runs" before it finishes. */
  readonly workMs?: number;
}

/** Decides what each command does on a simulated drone. */
export type SimulatedBehaviour = (command: Command) => SimulatedOutcome;

/** Where a simulated drone connects and how it behaves. */
export interface SimulatedDroneOptions {
  readonly frontgateId: string;
  readonly frontgateUrl: string;
  readonly seed: string;
  readonly node: NodeIdentity;
  readonly behaviour: SimulatedBehaviour;
  /** 0: no heartbeats. */
  readonly heartbeatIntervalMs: number;
}

/**
 * One simulated drone: its own credential and connection, the real protocol, no processes. Each
 * command id runs once (in memory): a repeat is answered with the same result.
 */
export class SimulatedDrone {
  /** How many commands actually ran (not answered from memory). */
  executions = 0;
  private readonly commands = new Map<string, Promise<CommandReply>>();
  private readonly done = new Map<string, CommandReply>();
  private timer?: NodeJS.Timeout;
  private readonly startedAt = Date.now();

  private constructor(
    private readonly options: SimulatedDroneOptions,
    readonly nats: NatsConnection,
  ) {}

  /** Connects (retrying until the frontgate admits the key or `timeoutMs` passes) and starts answering. */
  static async start(options: SimulatedDroneOptions, timeoutMs: number): Promise<SimulatedDrone> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const nats = await connect({
          servers: options.frontgateUrl,
          authenticator: nkeyAuthenticator(new TextEncoder().encode(options.seed)),
          inboxPrefix: droneSubjects(options.frontgateId, options.node.nodeId).inboxPrefix,
          name: `simulated ${options.node.nodeId}`,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 250,
          timeout: 2_000,
        });
        const drone = new SimulatedDrone(options, nats);
        drone.listen();
        return drone;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** Stops answering and closes the connection. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.nats.close();
  }

  private listen(): void {
    const { node, frontgateId } = this.options;
    const subjects = droneSubjects(frontgateId, node.nodeId);
    this.nats.subscribe(subjects.command, {
      callback: (err, msg) => {
        if (err) return;
        const request = decodeMessage(RunCommandRequestSchema, msg.data);
        const command = request.command as Command;
        const done = this.finishedAt(command);
        // A command that is over is answered at once, without timers: the no-op round trip.
        if (done) msg.respond(toBinary(CommandReplySchema, done));
        else void this.answer(command, request.waitMs).then((reply) => msg.respond(toBinary(CommandReplySchema, reply)));
      },
    });
    this.nats.subscribe(subjects.ping, {
      callback: (err, msg) => {
        if (!err) msg.respond(encodeMessage(DroneInfoSchema, { frontgateId, clusterId: node.clusterId, nodeId: node.nodeId, droneVersion: SIMULATED_DRONE_VERSION, startedAt: timestampFromMs(this.startedAt) }));
      },
    });
    if (this.options.heartbeatIntervalMs > 0) {
      this.timer = setInterval(() => {
        const beat = { frontgateId, clusterId: node.clusterId, nodeId: node.nodeId, droneVersion: SIMULATED_DRONE_VERSION, intervalMs: this.options.heartbeatIntervalMs, sentAt: timestampNow() };
        this.nats.publish(subjects.heartbeat, encodeMessage(HeartbeatSchema, beat));
      }, this.options.heartbeatIntervalMs);
    }
  }

  /** The finished reply if the command ends within `waitMs`, else a RUNNING reply (the pilot asks again). */
  private answer(command: Command, waitMs: number): Promise<CommandReply> {
    let timer: NodeJS.Timeout | undefined;
    const running = new Promise<CommandReply>((resolve) => {
      timer = setTimeout(() => resolve(create(CommandReplySchema, { state: CommandState.RUNNING, progress: { commandId: command.id, state: CommandState.RUNNING, sentAt: timestampNow() } })), waitMs);
    });
    return Promise.race([this.run(command), running]).finally(() => clearTimeout(timer));
  }

  /** The reply of a command that is over (running it now if it takes no time), else undefined. */
  private finishedAt(command: Command): CommandReply | undefined {
    if (!this.commands.has(command.id)) {
      const outcome = this.options.behaviour(command);
      if (outcome.workMs) return undefined;
      this.executions++;
      const reply = finished(command.id, outcome, Date.now());
      this.done.set(command.id, reply);
      this.commands.set(command.id, Promise.resolve(reply));
    }
    return this.done.get(command.id);
  }

  private run(command: Command): Promise<CommandReply> {
    let reply = this.commands.get(command.id);
    if (!reply) {
      this.executions++;
      const outcome = this.options.behaviour(command);
      const startedAt = Date.now();
      reply = new Promise<CommandReply>((resolve) => {
        setTimeout(() => {
          const result = finished(command.id, outcome, startedAt);
          this.done.set(command.id, result);
          resolve(result);
        }, outcome.workMs ?? 0);
      });
      this.commands.set(command.id, reply);
    }
    return reply;
  }
}

function finished(commandId: string, outcome: SimulatedOutcome, startedAt: number): CommandReply {
  const stdout = outcome.stdout ?? '';
  const stderr = outcome.stderr ?? '';
  return create(CommandReplySchema, {
    state: CommandState.FINISHED,
    result: {
      commandId,
      exitCode: outcome.exitCode,
      stdoutTail: stdout,
      stderrTail: stderr,
      stdoutSize: BigInt(Buffer.byteLength(stdout)),
      stderrSize: BigInt(Buffer.byteLength(stderr)),
      startedAt: timestampFromMs(startedAt),
      finishedAt: timestampNow(),
    },
  });
}
