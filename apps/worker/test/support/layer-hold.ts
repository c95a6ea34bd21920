import type { ClusterReadModel } from '@pitrix/cluster-store';
import type { Task } from '@pitrix/cluster-model';
import type { Context } from '@temporalio/activity';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, Next } from '@temporalio/worker';

/** Longest a task is held before it runs anyway. */
const HOLD_LIMIT_MS = 60_000;

/** A held layer: when a task of it has started, and how to let its tasks go on. */
export interface HeldLayer {
  readonly reached: Promise<void>;
  release(): void;
}

interface Target {
  readonly layer: number;
  readonly reached: () => void;
  released: boolean;
}

/**
 * Holds the tasks of one chosen layer of a job as they start, until the test releases them (or,
 * for a wait, the job's cancellation reaches it), then lets them run to their end as tasks in
 * flight do: a test cancels a job at exactly that layer, however quick its tasks are.
 */
export class LayerHold {
  private readonly targets = new Map<string, Target>();

  constructor(private readonly reads: ClusterReadModel) {}

  /** Holds the tasks of `layer` of job `jobId` (a job id chosen before the job is submitted). */
  at(jobId: string, layer: number): HeldLayer {
    let reached: () => void = () => undefined;
    const promise = new Promise<void>((resolve) => (reached = resolve));
    const target: Target = { layer, reached, released: false };
    this.targets.set(jobId, target);
    return { reached: promise, release: () => (target.released = true) };
  }

  /** Whether the held tasks of a job may go on. */
  isReleased(jobId: string): boolean {
    return this.targets.get(jobId)?.released ?? true;
  }

  /** The interceptor to give the worker. */
  interceptor(): ActivityInterceptorsFactory {
    return (ctx) => ({ inbound: new HoldingInterceptor(this, ctx) });
  }

  /** Whether this start of a cluster task is one to hold; marks the layer reached if so. */
  async shouldHold(jobId: string, task: Task): Promise<boolean> {
    const target = this.targets.get(jobId);
    if (!target) return false;
    const row = (await this.reads.tasks(jobId)).find((candidate) => candidate.taskId === task.id);
    if (row?.layer !== target.layer) return false;
    target.reached();
    return true;
  }
}

class HoldingInterceptor implements ActivityInboundCallsInterceptor {
  constructor(
    private readonly hold: LayerHold,
    private readonly ctx: Context,
  ) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    if (this.ctx.info.activityType === 'runClusterTask') {
      const { jobId, task } = input.args[0] as { jobId: string; task: Task };
      if (await this.hold.shouldHold(jobId, task)) await this.untilReleased(jobId);
    }
    return next(input);
  }

  // Cancellation reaches an activity through its heartbeats.
  private async untilReleased(jobId: string): Promise<void> {
    const until = Date.now() + HOLD_LIMIT_MS;
    while (!this.hold.isReleased(jobId) && !this.ctx.cancellationSignal.aborted && Date.now() < until) {
      this.ctx.heartbeat();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
