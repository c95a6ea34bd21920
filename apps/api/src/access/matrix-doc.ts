import type { OperationRule, OperationType } from './operation-rules.js';

/** One operation's row of the access table in docs/access.md. */
export function matrixRow(type: OperationType, field: string, rule: OperationRule): string {
  const who = rule.allowed === 'signedIn' ? 'any signed-in caller' : rule.allowed.map((role) => `\`${role}\``).join(', ');
  return `| ${type.toLowerCase()} | \`${field}\` | ${who} | ${rule.note} |`;
}
