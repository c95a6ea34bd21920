import { isPitrixError, type Problem } from '@pitrix/errors';
import type { Output } from '../../output.js';

/** Counts of a problem list, for summaries. */
export function countProblems(problems: readonly Problem[]): { errors: number; warnings: number } {
  const warnings = problems.filter((problem) => problem.severity === 'warning').length;
  return { errors: problems.length - warnings, warnings };
}

/** One problem per line, like `helm lint`: `[ERROR] file: path: message (expected X, found Y)`. */
export function formatProblem(problem: Problem): string {
  const level = problem.severity === 'warning' ? '[WARNING]' : '[ERROR]';
  const where = [problem.file, problem.path === '$' ? undefined : problem.path].filter(Boolean).join(': ');
  const detail = problem.expected !== undefined ? ` (expected ${problem.expected}, found ${JSON.stringify(problem.found) ?? 'nothing'})` : '';
  const code = problem.code ? ` [${problem.code}]` : '';
  return `${level} ${where ? `${where}: ` : ''}${problem.message}${detail}${code}`;
}

/** `n errors, m warnings`, with the right plurals. */
export function summary(problems: readonly Problem[]): string {
  const { errors, warnings } = countProblems(problems);
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

/**
 * Runs a package command; a Pitrix error carrying problems is printed as those problems (every
 * one, with its file) and sets exit code 1. Anything else goes to the CLI's own error handler.
 */
export async function withProblems(out: Output, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!isPitrixError(err) || err.problems.length === 0) throw err;
    process.stderr.write(`pitrix: ${err.message} [${err.code}]\n`);
    for (const problem of err.problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
    if (out.json) out.result({ error: { code: err.code, message: err.message, problems: err.problems } }, () => '');
    process.exitCode = 1;
  }
}
