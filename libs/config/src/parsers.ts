import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { SettingParseError } from './setting.js';

/** Parses a whole number in [min, max]. */
export function integer(min: number, max: number): (raw: string) => number {
  return (raw) => {
    if (!/^-?\d+$/.test(raw.trim())) throw new SettingParseError(`an integer from ${min} to ${max}`);
    const value = Number(raw);
    if (value < min || value > max) throw new SettingParseError(`an integer from ${min} to ${max}`);
    return value;
  };
}

/** Parses a TCP port (1–65535). */
export const port = integer(1, 65535);

/** Accepts any non-empty string. */
export function text(raw: string): string {
  if (raw.trim() === '') throw new SettingParseError('a non-empty string');
  return raw;
}

/** Parses `host:port`. */
export function hostPort(raw: string): string {
  const match = /^([^:\s]+):(\d{1,5})$/.exec(raw.trim());
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) {
    throw new SettingParseError('host:port, for example 127.0.0.1:7233');
  }
  return raw.trim();
}

/** Parses an absolute URL whose scheme is one of `protocols` (without the colon). */
export function url(...protocols: string[]): (raw: string) => string {
  return (raw) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new SettingParseError(`a URL with scheme ${protocols.join(' or ')}`);
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      throw new SettingParseError(`a URL with scheme ${protocols.join(' or ')}`);
    }
    return raw;
  };
}

/** Parses one of a fixed list of words. */
export function oneOf<const T extends string>(...values: T[]): (raw: string) => T {
  return (raw) => {
    if (!(values as string[]).includes(raw)) throw new SettingParseError(`one of ${values.join(', ')}`);
    return raw as T;
  };
}

/** Parses true/false (also 1/0, yes/no). */
export function boolean(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new SettingParseError('true or false');
}

/** Parses a comma-separated list of non-empty words. */
export function list(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Parses a file-system path, expanding a leading `~` and making it absolute. */
export function absolutePath(raw: string): string {
  return resolve(raw.replace(/^~(?=$|\/)/, homedir()));
}
