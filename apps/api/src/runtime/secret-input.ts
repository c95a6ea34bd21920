import { PitrixError } from '@pitrix/errors';

/**
 * Checks a secret given on input: every field a string. Problems name the field, never its value.
 */
export function secretFields(secret: Record<string, unknown>): Record<string, string> {
  const problems = Object.entries(secret)
    .filter(([, value]) => typeof value !== 'string' || value === '')
    .map(([key]) => ({ path: `secret.${key}`, message: 'must be a non-empty string (value not shown)' }));
  if (Object.keys(secret).length === 0) problems.push({ path: 'secret', message: 'must have at least one field' });
  if (problems.length > 0) throw new PitrixError('INPUT.INVALID', 'Invalid credential secret', problems);
  return secret as Record<string, string>;
}
