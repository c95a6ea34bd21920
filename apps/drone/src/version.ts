import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The drone's version, from its package. */
export function droneVersion(): string {
  return (JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as { version: string }).version;
}
