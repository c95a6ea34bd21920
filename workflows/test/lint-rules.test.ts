import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '../../');
const fixture = join(__dirname, './fixtures/forbidden-workflow.ts');

describe('the lint rules that keep workflow code deterministic', () => {
  it('reject Node built-ins, value imports of activities and process state', async () => {
    const eslint = new ESLint({ cwd: repoRoot, ignore: false });
    const [result] = await eslint.lintFiles([fixture]);
    const found = (result?.messages ?? []).map((m) => `${m.line}:${m.ruleId}`);
    expect(found).toEqual(
      expect.arrayContaining([
        '2:@typescript-eslint/no-restricted-imports',
        '3:@typescript-eslint/no-restricted-imports',
        '4:@typescript-eslint/no-restricted-imports',
        '9:no-restricted-globals',
      ]),
    );
    // A type-only import of the activities is how workflows are meant to use them.
    expect(found).not.toContain('5:@typescript-eslint/no-restricted-imports');
  }, 120_000);
});
