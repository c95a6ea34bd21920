import type { FieldProblem } from '../../../api/problem.js';

/**
 * The API's problems by field key. Value problems are paths into the values (`cluster.replica.count`);
 * problems of the createCluster input itself are under `values.` or `create.values.` (plans), so
 * those prefixes are dropped; every message for one field is shown together.
 */
export function problemsByField(problems: readonly FieldProblem[]): Map<string, string> {
  const byField = new Map<string, string>();
  for (const problem of problems) {
    const key = problem.path.replace(/^(create\.)?values\./, '');
    byField.set(key, byField.has(key) ? `${byField.get(key)}; ${problem.message}` : problem.message);
  }
  return byField;
}
