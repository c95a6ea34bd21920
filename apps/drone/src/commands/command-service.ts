import { create } from '@bufbuild/protobuf';
import { timestampFromMs, timestampNow } from '@bufbuild/protobuf/wkt';
import {
  CommandProgressSchema,
  CommandReplySchema,
  CommandState,
  encodeMessage,
  isToken,
  toWireError,
  type Command,
  type CommandReply,
  type RunCommandRequest,
} from '@pitrix/agent-protocol';
import { PitrixError } from '@pitrix/errors';
import { isAbsolute, join } from 'node:path';
import type { Logger } from '../log.js';
import { commandEnvironment, type NodeIdentity } from '../identity.js';
import type { CommandStore, StoredResult } from './command-store.js';
import { resolveUser } from './users.js';

const DEFAULT_TIMEOUT_S = 600;
const MAX_TIMEOUT_S = 86_400;
const PROGRESS_TAIL_BYTES = 1024;

/** What the command service works with. */
export interface CommandServiceDeps {
  readonly store: CommandStore;
  readonly identity: NodeIdentity;
  readonly path: string;
  readonly log: Logger;
  /** Publishes a progress report of a running command. */
  publishProgress(commandId: string, payload: Uint8Array): void;
  /** Resolves true once the metadata at `revision` is applied, false after `waitMs`. */
  waitForMetadata(revision: number, waitMs: number): Promise<boolean>;
}

/**
 * Runs each command id at most once and answers every request for it: a new id is started (after
 * the metadata revision it asks for is applied), a running one is waited on, a finished one
 * answers with its stored result. Each request waits up to its `wait_ms` for the end.
 */
export class CommandService {
  private readonly watching = new Map<string, Promise<StoredResult>>();

  constructor(private readonly deps: CommandServiceDeps) {}

  /** How many commands are running now. */
  get running(): number {
    return this.watching.size;
  }

  /** Reattaches to the commands a previous run of the drone left running. */
  reattach(): void {
    for (const id of this.deps.store.unfinished()) {
      this.deps.log.info(`reattaching to command ${id}`);
      void this.watch(id);
    }
  }

  /** Handles one request; never throws (a refusal is a REJECTED reply). */
  async handle(request: RunCommandRequest): Promise<CommandReply> {
    try {
      const command = request.command;
      if (!command) throw new PitrixError('AGENT.COMMAND_INVALID', 'the request has no command');
      if (!this.deps.store.has(command.id)) {
        validate(command);
        if (!(await this.deps.waitForMetadata(Number(command.metadataRevision), request.waitMs))) return this.reply(command.id, CommandState.WAITING);
        this.start(command);
      } else if (this.deps.store.spec(command.id)?.cmd !== command.cmd) {
        throw new PitrixError('AGENT.COMMAND_INVALID', `command id ${command.id} was already used for another command line`);
      }
      return await this.await(command.id, request.waitMs);
    } catch (err) {
      return create(CommandReplySchema, { state: CommandState.REJECTED, error: toWireError(err) });
    }
  }

  private start(command: Command): void {
    const user = resolveUser(command.user);
    const timeoutS = command.timeoutSeconds === 0 ? DEFAULT_TIMEOUT_S : command.timeoutSeconds;
    const cwd = command.workingDir === '' ? this.deps.identity.dataDir : isAbsolute(command.workingDir) ? command.workingDir : join(this.deps.identity.dataDir, command.workingDir);
    const env = commandEnvironment(this.deps.identity, user, command, this.deps.path);
    const started = this.deps.store.start({ id: command.id, cmd: command.cmd, user: user.name, uid: user.uid, gid: user.gid, cwd, env, timeoutMs: timeoutS * 1000, acceptedAt: Date.now() });
    if (started) this.deps.log.info(`started command ${command.id} (${command.service || 'command'}) as ${user.name}`);
  }

  private async await(id: string, waitMs: number): Promise<CommandReply> {
    if (this.deps.store.condition(id) !== 'running') return this.finished(this.deps.store.result(id));
    const done = this.watch(id);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), waitMs)));
    const result = await Promise.race([done, timeout]);
    clearTimeout(timer);
    return result ? this.finished(result) : this.reply(id, CommandState.RUNNING);
  }

  /** Follows a running command until it ends, publishing its progress every second. */
  private watch(id: string): Promise<StoredResult> {
    let done = this.watching.get(id);
    if (done) return done;
    done = new Promise<StoredResult>((resolve) => {
      let ticks = 0;
      const timer = setInterval(() => {
        const condition = this.deps.store.condition(id);
        if (condition !== 'running') {
          clearInterval(timer);
          this.watching.delete(id);
          const result = this.deps.store.result(id);
          this.deps.log.info(`command ${id} ${result.interrupted ? 'was interrupted' : `exited with ${result.exitCode}`}`);
          resolve(result);
        } else if (++ticks % 20 === 0) {
          this.deps.publishProgress(id, encodeMessage(CommandProgressSchema, this.progress(id, CommandState.RUNNING)));
        }
      }, 50);
    });
    this.watching.set(id, done);
    return done;
  }

  private progress(id: string, state: CommandState) {
    const progress = this.deps.store.has(id) ? this.deps.store.progress(id, PROGRESS_TAIL_BYTES) : { stdoutSize: 0, stderrSize: 0, stdoutTail: '' };
    return {
      commandId: id,
      state,
      stdoutSize: BigInt(progress.stdoutSize),
      stderrSize: BigInt(progress.stderrSize),
      stdoutTail: progress.stdoutTail,
      ...('startedAt' in progress && progress.startedAt ? { startedAt: timestampFromMs(progress.startedAt) } : {}),
      sentAt: timestampNow(),
    };
  }

  private reply(id: string, state: CommandState): CommandReply {
    return create(CommandReplySchema, { state, progress: this.progress(id, state) });
  }

  private finished(result: StoredResult): CommandReply {
    return create(CommandReplySchema, {
      state: CommandState.FINISHED,
      result: { ...result, stdoutSize: BigInt(result.stdoutSize), stderrSize: BigInt(result.stderrSize), startedAt: timestampFromMs(result.startedAt), finishedAt: timestampFromMs(result.finishedAt) },
    });
  }
}

function validate(command: Command): void {
  if (!isToken(command.id)) throw new PitrixError('AGENT.COMMAND_INVALID', "a command id must be 1-128 letters, digits, '-' or '_'");
  if (command.cmd.trim() === '') throw new PitrixError('AGENT.COMMAND_INVALID', `command ${command.id} has an empty command line`);
  if (command.timeoutSeconds > MAX_TIMEOUT_S) throw new PitrixError('AGENT.COMMAND_INVALID', `command ${command.id} asks for a timeout over ${MAX_TIMEOUT_S} s`);
  resolveUser(command.user);
}
