import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_FILES, outputTail, readJson, writeJsonAtomic, type CommandSpecFile, type ExitFile } from './command-files.js';

/** The stored outcome of a finished command (times in epoch milliseconds). */
export interface StoredResult {
  readonly commandId: string;
  readonly exitCode: number;
  readonly signal: string;
  readonly timedOut: boolean;
  readonly interrupted: boolean;
  readonly stdoutTail: string;
  readonly stderrTail: string;
  readonly stdoutSize: number;
  readonly stderrSize: number;
  readonly startedAt: number;
  readonly finishedAt: number;
}

/** Where a command is, judged from its files and its wrapper's process. */
export type CommandCondition = 'finished' | 'running' | 'lost';

/** A wrapper that has not written its pid within this long after the spec never started. */
const WRAPPER_START_GRACE_MS = 10_000;

/**
 * The drone's command log on disk: one folder per command id. Creating the folder is the claim on
 * the id (it fails if the id was seen), so a command is started at most once, even across drone
 * restarts and concurrent requests.
 */
export class CommandStore {
  constructor(
    private readonly root: string,
    private readonly options: { readonly wrapperPath: string; readonly tailBytes: number },
  ) {
    mkdirSync(root, { recursive: true, mode: 0o700 });
  }

  /** True when the id was seen before (running or finished). */
  has(id: string): boolean {
    return existsSync(join(this.root, id, COMMAND_FILES.spec));
  }

  /** The spec a seen command was started with. */
  spec(id: string): CommandSpecFile | undefined {
    return readJson<CommandSpecFile>(join(this.root, id), COMMAND_FILES.spec);
  }

  /** Claims `spec.id`, records the spec and starts its wrapper; false when the id was already claimed. */
  start(spec: CommandSpecFile): boolean {
    const dir = join(this.root, spec.id);
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch {
      return false;
    }
    writeJsonAtomic(join(dir, COMMAND_FILES.spec), spec);
    const wrapper = spawn(process.execPath, [this.options.wrapperPath, dir], { detached: true, stdio: 'ignore' });
    wrapper.unref();
    return true;
  }

  /** Where command `id` is: finished (an exit was recorded), running, or lost (its wrapper vanished). */
  condition(id: string): CommandCondition {
    const dir = join(this.root, id);
    if (existsSync(join(dir, COMMAND_FILES.result)) || existsSync(join(dir, COMMAND_FILES.exit))) return 'finished';
    const wrapper = readJson<{ pid: number }>(dir, COMMAND_FILES.wrapper);
    if (wrapper) return isWrapperOf(wrapper.pid, dir) ? 'running' : existsSync(join(dir, COMMAND_FILES.exit)) ? 'finished' : 'lost';
    const spec = this.spec(id);
    return spec && Date.now() - spec.acceptedAt < WRAPPER_START_GRACE_MS ? 'running' : 'lost';
  }

  /** The result of a finished or lost command, recording it once in `result.json`. */
  result(id: string): StoredResult {
    const dir = join(this.root, id);
    const stored = readJson<StoredResult>(dir, COMMAND_FILES.result);
    if (stored) return stored;
    const spec = this.spec(id) as CommandSpecFile;
    const exit = readJson<ExitFile>(dir, COMMAND_FILES.exit);
    const started = readJson<{ startedAt: number }>(dir, COMMAND_FILES.started);
    const out = outputTail(join(dir, COMMAND_FILES.stdout), this.options.tailBytes);
    const err = outputTail(join(dir, COMMAND_FILES.stderr), this.options.tailBytes);
    const result: StoredResult = {
      commandId: id,
      exitCode: exit?.exitCode ?? -1,
      signal: exit?.signal ?? '',
      timedOut: exit?.timedOut ?? false,
      interrupted: exit === undefined,
      stdoutTail: out.tail,
      stderrTail: err.tail,
      stdoutSize: out.size,
      stderrSize: err.size,
      startedAt: started?.startedAt ?? spec.acceptedAt,
      finishedAt: exit?.finishedAt ?? Date.now(),
    };
    writeJsonAtomic(join(dir, COMMAND_FILES.result), result);
    return result;
  }

  /** Output so far of a running command. */
  progress(id: string, tailBytes: number): { stdoutSize: number; stderrSize: number; stdoutTail: string; startedAt?: number } {
    const dir = join(this.root, id);
    const out = outputTail(join(dir, COMMAND_FILES.stdout), tailBytes);
    const started = readJson<{ startedAt: number }>(dir, COMMAND_FILES.started);
    return { stdoutSize: out.size, stderrSize: outputTail(join(dir, COMMAND_FILES.stderr), 0).size, stdoutTail: out.tail, startedAt: started?.startedAt };
  }

  /** Ids of commands that are not finished (to reattach to after a restart). */
  unfinished(): string[] {
    return this.ids().filter((id) => !existsSync(join(this.root, id, COMMAND_FILES.result)));
  }

  /** Forgets finished commands whose result is older than `maxAgeMs`. */
  prune(maxAgeMs: number): number {
    let removed = 0;
    for (const id of this.ids()) {
      const file = join(this.root, id, COMMAND_FILES.result);
      if (existsSync(file) && Date.now() - statSync(file).mtimeMs > maxAgeMs) {
        rmSync(join(this.root, id), { recursive: true, force: true });
        removed++;
      }
    }
    return removed;
  }

  private ids(): string[] {
    return readdirSync(this.root, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  }
}

/** True when `pid` is alive and is the wrapper of `dir` (not a recycled pid). */
function isWrapperOf(pid: number, dir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(dir);
  } catch {
    return false;
  }
}
