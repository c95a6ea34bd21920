import { toApplicationFailure } from '@pitrix/errors';
import { activityInfo, ApplicationFailure } from '@temporalio/activity';

/**
 * What an attempt leaves of its task's deadline to end with its own error: the wait's last poll
 * (up to 1.5 s), recording the failure, reporting it to Temporal on a loaded machine, and a skew
 * between this worker's clock and the server's.
 */
const MARGIN_MS = 10_000;
/** Less time than this left after a failed attempt, and no further attempt is worth starting. */
const SHORTEST_ATTEMPT_MS = 15_000;

/**
 * How long a wait inside this attempt may last at most: what the task's deadline (retries
 * included) leaves, less a margin, so that the attempt fails with its own reason before the
 * deadline runs out and the job fails with the task's last error rather than a bare timeout.
 * Undefined when the task has no deadline.
 */
export function attemptTimeLeftMs(): number | undefined {
  const left = deadlineLeftMs();
  return left === undefined ? undefined : Math.max(1_000, left - MARGIN_MS);
}

/**
 * The error a failed attempt ends with: as mapped for Temporal, made final when the task's
 * deadline leaves no room for another attempt, so that the job fails with this error.
 */
export function attemptFailure(err: unknown): unknown {
  const left = deadlineLeftMs();
  if (left === undefined || left >= SHORTEST_ATTEMPT_MS) return err;
  const mapped = toApplicationFailure(err);
  const seconds = Math.round(activityInfo().scheduleToCloseTimeoutMs / 1000);
  const suffix = ` (no time left for another attempt within the task's ${seconds} s deadline)`;
  if (mapped instanceof ApplicationFailure) {
    if (mapped.nonRetryable) return mapped;
    return ApplicationFailure.create({ type: mapped.type ?? undefined, message: `${mapped.message}${suffix}`, details: mapped.details ?? undefined, nonRetryable: true, cause: mapped.cause });
  }
  return ApplicationFailure.create({ type: 'SYSTEM.INTERNAL', message: `${(err as Error).message ?? String(err)}${suffix}`, nonRetryable: true });
}

function deadlineLeftMs(): number | undefined {
  const info = activityInfo();
  if (!info.scheduleToCloseTimeoutMs) return undefined;
  return info.scheduledTimestampMs + info.scheduleToCloseTimeoutMs - Date.now();
}
