import { startProcess, type ManagedProcess } from '@pitrix/devstack';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkerHarness } from './worker-harness.js';

const workerMain = join(__dirname, '../../dist/main.js');

/** A worker process kept running the way a process manager would: restarted whenever it exits. */
export interface SupervisedWorker {
  /** SIGKILL to the current process; the supervisor starts a new one. */
  kill(): Promise<void>;
  /** How many processes were started so far. */
  readonly starts: number;
  stop(): Promise<void>;
}

/** Starts the built worker (`apps/worker/dist/main.js`) against the harness's servers. */
export async function superviseWorker(harness: WorkerHarness, restartDelayMs = 500): Promise<SupervisedWorker> {
  const logDir = mkdtempSync(join(tmpdir(), 'pitrix-supervised-worker-'));
  let current: ManagedProcess;
  let starts = 0;
  let stopping = false;
  const launch = async (): Promise<void> => {
    starts++;
    current = await startProcess({ name: `worker-${starts}`, command: process.execPath, args: [workerMain], env: harness.workerProcessEnv(), logFile: join(logDir, `worker-${starts}.log`) });
    void current.exited.then(async () => {
      if (stopping) return;
      await new Promise((resolve) => setTimeout(resolve, restartDelayMs));
      if (!stopping) await launch();
    });
  };
  await launch();
  return {
    kill: () => current.kill(),
    get starts() {
      return starts;
    },
    stop: async () => {
      stopping = true;
      await current.stop();
    },
  };
}
