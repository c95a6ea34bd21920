import { PitrixError } from '@pitrix/errors';

/** At most this many steps per series: a chart's width, and a bound on what one query reads. */
export const MAX_STEPS = 1_000;
/** The range read when none is given. */
const DEFAULT_RANGE_MS = 3_600_000;

/** A monitor request's range and step as asked. */
export interface MonitorRangeArgs {
  readonly from?: Date | null;
  readonly to?: Date | null;
  readonly stepSeconds: number;
}

/** A checked range: `from` before `to`, at most `MAX_STEPS` steps. */
export interface MonitorRange {
  readonly from: Date;
  readonly to: Date;
  readonly stepSeconds: number;
}

function invalid(path: string, message: string, expected: string, found: unknown): PitrixError {
  return new PitrixError('CLUSTER.MONITOR_QUERY_INVALID', message, [{ path, message, expected, found }]);
}

/** Fills in the default range (the last hour up to `now`) and checks it; `CLUSTER.MONITOR_QUERY_INVALID` names the bad argument. */
export function monitorRange(args: MonitorRangeArgs, now: Date): MonitorRange {
  const to = args.to ?? now;
  const from = args.from ?? new Date(to.getTime() - DEFAULT_RANGE_MS);
  if (!Number.isInteger(args.stepSeconds) || args.stepSeconds < 1 || args.stepSeconds > 86_400) {
    throw invalid('stepSeconds', `stepSeconds is ${args.stepSeconds}; it must be a whole number of seconds from 1 to 86,400`, '1..86400', args.stepSeconds);
  }
  if (from.getTime() >= to.getTime()) throw invalid('from', `from (${from.toISOString()}) must be before to (${to.toISOString()})`, `< ${to.toISOString()}`, from.toISOString());
  const steps = Math.ceil((to.getTime() - from.getTime()) / (args.stepSeconds * 1000));
  if (steps > MAX_STEPS) {
    const smallest = Math.ceil((to.getTime() - from.getTime()) / (MAX_STEPS * 1000));
    throw invalid('stepSeconds', `the range holds ${steps} steps of ${args.stepSeconds} s; at most ${MAX_STEPS} are read at once: use a step of at least ${smallest} s or a shorter range`, `>= ${smallest}`, args.stepSeconds);
  }
  return { from, to, stepSeconds: args.stepSeconds };
}
