import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configurationTable } from '../src/config-table.js';

const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');

describe('README', () => {
  it('lists every setting with its default, exactly as the config defines them', () => {
    expect(readme).toContain(configurationTable());
  });

  it('gives the two commands, and .ci/run calls the test command', () => {
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
    const ci = readFileSync(join(__dirname, '../../../.ci/run'), 'utf8');
    expect(ci).toMatch(/^set -euo pipefail$/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
