import { ApplicationFailure } from '@temporalio/common';
import { isErrorCode, isRetryable } from './codes.js';
import { isPitrixError, PitrixError, type Problem } from './pitrix-error.js';

/**
 * Maps a Pitrix error to a Temporal `ApplicationFailure` whose `type` is the error code.
 * Errors that retrying cannot fix (bad input, not found, conflicts) are non-retryable.
 * Anything that is not a Pitrix error is returned unchanged, so Temporal retries it.
 */
export function toApplicationFailure(err: unknown): unknown {
  if (!isPitrixError(err)) return err;
  return ApplicationFailure.create({
    type: err.code,
    message: err.message,
    nonRetryable: !isRetryable(err.code),
    details: [{ ...(err.details ?? {}), problems: err.problems ?? [] }],
    cause: err.cause instanceof Error ? err.cause : undefined,
  });
}

/**
 * Rebuilds the Pitrix error carried anywhere in a Temporal failure chain
 * (WorkflowFailedError → ActivityFailure → ApplicationFailure), or undefined if there is none.
 */
export function fromTemporalFailure(err: unknown): PitrixError | undefined {
  for (let current: unknown = err, depth = 0; current && depth < 10; depth++) {
    if (isPitrixError(current)) return current as PitrixError;
    const type = (current as { type?: unknown }).type;
    if (isErrorCode(type)) {
      const details = (current as { details?: unknown[] }).details;
      const problems = extractProblems(details);
      const { problems: _problems, ...facts } = (details?.[0] ?? {}) as Record<string, unknown>;
      return new PitrixError(type, (current as Error).message, problems, { details: facts });
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function extractProblems(details: unknown[] | undefined): Problem[] {
  const first = details?.[0] as { problems?: unknown } | undefined;
  return Array.isArray(first?.problems) ? (first.problems as Problem[]) : [];
}
