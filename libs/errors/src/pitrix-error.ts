import { type ErrorCode, isErrorCode, kindOf, type ErrorKind } from './codes.js';

/**
 * One concrete problem with an input: where it is (`file` and a JSON `path`), what was expected
 * and what was found. Validation collects all of them instead of stopping at the first.
 */
export interface Problem {
  readonly path: string;
  readonly message: string;
  readonly code?: string;
  readonly file?: string;
  readonly expected?: string;
  readonly found?: unknown;
  readonly severity?: 'error' | 'warning';
}

/** The one error type Pitrix code throws: a stable `code`, a human message and optional problems. */
export class PitrixError extends Error {
  readonly code: ErrorCode;
  readonly problems: readonly Problem[];
  /** Structured facts for operators (a command's exit code and output tails); never secrets. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, problems: readonly Problem[] = [], options?: { cause?: unknown; details?: Readonly<Record<string, unknown>> }) {
    super(message, options);
    this.name = 'PitrixError';
    this.code = code;
    this.problems = problems;
    this.details = options?.details ?? {};
  }

  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}

/**
 * True when `err` carries a Pitrix error code. Structural on purpose: errors cross the workflow
 * sandbox and process boundaries, where `instanceof` is meaningless.
 */
export function isPitrixError(err: unknown): err is PitrixError {
  return (
    typeof err === 'object' &&
    err !== null &&
    isErrorCode((err as { code?: unknown }).code) &&
    typeof (err as { message?: unknown }).message === 'string'
  );
}

/** True when `err` is a Pitrix error with the given code. */
export function hasErrorCode(err: unknown, code: ErrorCode): boolean {
  return isPitrixError(err) && err.code === code;
}

/** Renders problems as one line each, `file: path: message (expected X, found Y)`. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join('\n');
}

function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.path].filter((part) => part !== undefined && part !== '').join(': ');
  const hint =
    problem.expected !== undefined
      ? ` (expected ${problem.expected}, found ${describeFound(problem.found)})`
      : '';
  return `${where ? `${where}: ` : ''}${problem.message}${hint}`;
}

function describeFound(found: unknown): string {
  if (found === undefined) return 'nothing';
  if (typeof found === 'string') return JSON.stringify(found);
  try {
    return JSON.stringify(found) ?? String(found);
  } catch {
    return String(found);
  }
}
