import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FailureDigest } from '../src/failure-digest.js';

/** Real vitest output (colours included) of one failed test and one failed suite. */
const report = readFileSync(join(__dirname, 'fixtures/vitest-failure-report.txt'), 'utf8').split('\n');

/** Interleaves two projects' lines the way a parallel Nx stream run prints them. */
function nxStream(failing: string[], noisy: number): string {
  const lines: string[] = [];
  failing.forEach((line, index) => {
    lines.push(`@pitrix/failing: ${line}`);
    if (index < noisy) lines.push(`@pitrix/noisy: [INFO] Worker state changed ${index}`, `@pitrix/noisy:  ✓ test/ok-${index}.test.ts (1 test) 5ms`);
  });
  return lines.join('\n');
}

function feedInChunks(digest: FailureDigest, text: string, size: number): void {
  for (let at = 0; at < text.length; at += size) digest.feed('stdout', text.slice(at, at + size));
}

describe('FailureDigest', () => {
  it('keeps the failing project’s report, without colours or the other project’s lines, across chunk borders', () => {
    const digest = new FailureDigest();
    feedInChunks(digest, nxStream(report, 200), 37);
    const rendered = digest.render();
    expect(rendered).toContain('── @pitrix/failing: what failed ──');
    expect(rendered).toContain('× fails');
    expect(rendered).toContain('FAIL  b.test.ts [ b.test.ts ]');
    expect(rendered).toContain('Error: hook broke');
    expect(rendered).toContain('FAIL  a.test.ts > group > fails');
    expect(rendered).toContain('AssertionError: expected 1 to be 2');
    expect(rendered).toMatch(/Test Files\s+2 failed \(2\)/);
    expect(rendered).not.toContain('noisy');
    expect(rendered).not.toContain('Duration');
    expect(rendered).not.toContain('\x1b[');
  });

  it('prints nothing when every project passed', () => {
    const digest = new FailureDigest();
    digest.feed('stdout', '@pitrix/noisy:  ✓ test/ok.test.ts (1 test) 5ms\n@pitrix/noisy:  Test Files  1 passed (1)\n');
    expect(digest.render()).toBe('');
  });

  it('caps the report and says how much it left out', () => {
    const digest = new FailureDigest(10);
    digest.feed('stderr', `${nxStream(report, 0)}\n`);
    const lines = digest.render().split('\n');
    expect(lines).toHaveLength(12);
    expect(lines.at(-1)).toMatch(/^… \d+ more line\(s\)$/);
  });
});
