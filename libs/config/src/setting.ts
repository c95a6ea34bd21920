import { PitrixError, type Problem } from '@pitrix/errors';

/** A value could not be parsed; `expected` says what would have been accepted. */
export class SettingParseError extends Error {
  constructor(readonly expected: string) {
    super(`expected ${expected}`);
  }
}

/**
 * One environment variable: its name, what it means, its default (undefined = required) and its
 * parser. Secrets are never echoed back in an error or a description of the config.
 */
export interface Setting<T> {
  readonly env: string;
  readonly description: string;
  readonly defaultValue: string | undefined;
  readonly secret: boolean;
  parse(raw: string): T;
}

type SettingValue<S> = S extends Setting<infer T> ? T : never;

/** The parsed values of a group of settings, keyed like the group. */
export type SettingValues<S extends Record<string, Setting<unknown>>> = { -readonly [K in keyof S]: SettingValue<S[K]> };

/** Options shared by every setting constructor. */
export interface SettingOptions {
  readonly description: string;
  readonly secret?: boolean;
}

/** Builds a setting from a name, a default (as the raw string it would be in the env) and a parser. */
export function setting<T>(
  env: string,
  defaultValue: string | undefined,
  options: SettingOptions,
  parse: (raw: string) => T,
): Setting<T> {
  return { env, defaultValue, description: options.description, secret: options.secret ?? false, parse };
}

/**
 * Parses every setting of every group, collecting all problems, and throws one `CONFIG.INVALID`
 * error naming each bad variable, what it expected and what it found.
 */
export function parseSettingGroups<G extends Record<string, Record<string, Setting<unknown>>>>(
  groups: G,
  env: Readonly<Record<string, string | undefined>>,
): { -readonly [K in keyof G]: SettingValues<G[K]> } {
  const problems: Problem[] = [];
  const result: Record<string, Record<string, unknown>> = {};
  for (const [groupName, group] of Object.entries(groups)) {
    result[groupName] = {};
    for (const [key, item] of Object.entries(group)) {
      const parsed = parseOne(item, env, problems);
      if (parsed.ok) result[groupName][key] = parsed.value;
    }
  }
  if (problems.length > 0) {
    const lines = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new PitrixError('CONFIG.INVALID', `Invalid configuration. ${lines}`, problems);
  }
  return result as { -readonly [K in keyof G]: SettingValues<G[K]> };
}

function parseOne(
  item: Setting<unknown>,
  env: Readonly<Record<string, string | undefined>>,
  problems: Problem[],
): { ok: true; value: unknown } | { ok: false } {
  const given = env[item.env];
  const raw = given === undefined || given === '' ? item.defaultValue : given;
  if (raw === undefined) {
    problems.push({ path: item.env, message: 'is required but not set', expected: item.description });
    return { ok: false };
  }
  try {
    return { ok: true, value: item.parse(raw) };
  } catch (err) {
    const expected = err instanceof SettingParseError ? err.expected : String(err);
    const found = item.secret ? '(secret, not shown)' : raw;
    problems.push({ path: item.env, message: `expected ${expected}, found ${JSON.stringify(found)}`, expected, found });
    return { ok: false };
  }
}

/** A row of the configuration table: variable, default (secrets masked) and meaning. */
export interface SettingDescription {
  readonly env: string;
  readonly defaultValue: string;
  readonly description: string;
}

/** Describes a group of settings for documentation and `--help` output. */
export function describeSettings(group: Record<string, Setting<unknown>>): SettingDescription[] {
  return Object.values(group).map((item) => ({
    env: item.env,
    defaultValue: item.defaultValue === undefined ? '(required)' : item.secret && item.defaultValue !== '' ? '(dev default, secret)' : item.defaultValue,
    description: item.description,
  }));
}
