import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import {
  CommandProgressSchema,
  CommandReplySchema,
  CommandState,
  decodeMessage,
  droneSubjects,
  encodeMessage,
  fromWireError,
  RunCommandRequestSchema,
  type CommandReply,
} from '@pitrix/agent-protocol';
import { PitrixError } from '@pitrix/errors';
import { pause, request } from './request.js';
import { commandOutcome, progressView, type CommandOutcome, type CommandProgressView, type CommandSpec } from './views.js';

/** How `runCommand` waits. */
export interface RunCommandOptions {
  /** Called with every progress report of the drone (the activity heartbeats with it). */
  readonly onProgress?: (progress: CommandProgressView) => void;
  /** How long the drone may stay silent before `AGENT.DRONE_UNREACHABLE` (default 30 s). */
  readonly unreachableAfterMs?: number;
  /** How long one request waits on the drone for the command to finish (default 5 s). */
  readonly pollMs?: number;
  /** Stops waiting (the command keeps running on its drone; a retry with the same id reattaches). */
  readonly signal?: AbortSignal;
}

/**
 * Runs `command` on the drone of `nodeId` and returns how it ended, whatever its exit code.
 * Safe to repeat with the same id: the drone runs it once and answers every repeat with the same
 * outcome. Long commands are polled; silence shorter than `unreachableAfterMs` (a drone restart,
 * a leaf link reconnecting) is waited out.
 */
export async function runCommand(nats: NatsConnection, frontgateId: string, nodeId: string, command: CommandSpec, options: RunCommandOptions = {}): Promise<CommandOutcome> {
  const subjects = droneSubjects(frontgateId, nodeId);
  let lastContact = Date.now();
  // Progress is followed only once the command outlives its first request: a short command
  // costs one request and one reply, nothing more.
  let progress: Subscription | undefined;
  const follow = () =>
    (progress ??= nats.subscribe(subjects.progress(command.id), {
      callback: (err, msg) => {
        if (err) return;
        lastContact = Date.now();
        // A throwing callback would close the subscription, and the command would look unreachable.
        try {
          options.onProgress?.(progressView(decodeMessage(CommandProgressSchema, msg.data), false));
        } catch {
          // a malformed progress report or a failing listener: the next report or the final reply count
        }
      },
    }));
  try {
    const pollMs = options.pollMs ?? 5_000;
    const payload = encodeMessage(RunCommandRequestSchema, { command: wireCommand(command), waitMs: pollMs });
    for (;;) {
      if (options.signal?.aborted) throw new PitrixError('AGENT.DRONE_UNREACHABLE', `stopped waiting for command ${command.id} on ${nodeId}`);
      const outcome = await request(nats, subjects.command, payload, pollMs + 5_000);
      if ('silence' in outcome) {
        if (Date.now() - lastContact > (options.unreachableAfterMs ?? 30_000)) throw unreachable(frontgateId, nodeId, outcome.silence);
        await pause(250, options.signal);
        continue;
      }
      lastContact = Date.now();
      const done = settle(decodeMessage(CommandReplySchema, outcome.data), options);
      if (done) return done;
      follow();
    }
  } finally {
    progress?.unsubscribe();
  }
}

function settle(reply: CommandReply, options: RunCommandOptions): CommandOutcome | undefined {
  switch (reply.state) {
    case CommandState.FINISHED:
      if (!reply.result) throw new PitrixError('AGENT.PROTOCOL_ERROR', 'the drone reported a finished command without its result');
      return commandOutcome(reply.result);
    case CommandState.REJECTED:
      throw fromWireError(reply.error);
    default:
      if (reply.progress) options.onProgress?.(progressView(reply.progress, reply.state === CommandState.WAITING));
      return undefined;
  }
}

function unreachable(frontgateId: string, nodeId: string, silence: string): PitrixError {
  const why = silence === 'no-responders' ? 'no drone is subscribed' : silence === 'timeout' ? 'no answer' : 'the connection closed';
  return new PitrixError('AGENT.DRONE_UNREACHABLE', `the drone of node ${nodeId} in frontgate ${frontgateId} is unreachable (${why})`);
}

function wireCommand(command: CommandSpec) {
  return {
    id: command.id,
    cmd: command.cmd,
    env: { ...command.env },
    user: command.user ?? '',
    timeoutSeconds: command.timeoutSeconds ?? 0,
    workingDir: command.workingDir ?? '',
    service: command.service ?? '',
    serviceParamsJson: JSON.stringify(command.serviceParams ?? {}),
    metadataRevision: BigInt(command.metadataRevision ?? 0),
  };
}
