import { PitrixError } from '@pitrix/errors';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * An environment as a systemd `EnvironmentFile`: one `NAME="value"` per variable, values in double
 * quotes with `\`, `"`, `` ` `` and `$` escaped (systemd's env-file quoting), so any value,
 * multi-line ones included, reads back exactly. A bad variable name is `INPUT.INVALID` naming the
 * variable; values are never shown, since they may be credentials.
 */
export function renderEnvFile(env: Readonly<Record<string, string>>): string {
  const bad = Object.keys(env).filter((name) => !NAME.test(name));
  if (bad.length > 0) {
    throw new PitrixError(
      'INPUT.INVALID',
      `Invalid environment variable names for the agent: ${bad.map((name) => JSON.stringify(name)).join(', ')}`,
      bad.map((name) => ({ path: `agent.env.${name}`, message: 'not a variable name', expected: '[A-Za-z_][A-Za-z0-9_]*' })),
    );
  }
  return Object.entries(env)
    .map(([name, value]) => `${name}="${value.replace(/[\\"`$]/g, (c) => `\\${c}`)}"\n`)
    .join('');
}
