import type { Problem } from '@pitrix/errors';

/** A problem as lint reports it: always with a severity, a file and a rule code. */
export interface PackageProblem extends Problem {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly code: string;
}

/** Builds an error-severity problem. */
export function error(file: string, path: string, code: string, message: string, detail: { expected?: string; found?: unknown } = {}): PackageProblem {
  return { severity: 'error', file, path, code, message, ...detail };
}

/** Builds a warning-severity problem. */
export function warning(file: string, path: string, code: string, message: string, detail: { expected?: string; found?: unknown } = {}): PackageProblem {
  return { severity: 'warning', file, path, code, message, ...detail };
}

/** True when at least one problem is an error (warnings never block). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity !== 'warning');
}

/** Only the error-severity problems. */
export function errorsOf<P extends Problem>(problems: readonly P[]): P[] {
  return problems.filter((problem) => problem.severity !== 'warning');
}
