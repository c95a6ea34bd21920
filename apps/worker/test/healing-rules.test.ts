import { describe, expect, it } from 'vitest';
import { judgeMeltdown } from '../src/healing/meltdown.js';

const LIMITS = { percent: 30, nodes: 10 };

describe('the meltdown brake', () => {
  it.each([
    ['one node down of two: a lone failure is healed, whatever the share', { total: 2, down: 1, recentlyHealed: 0 }, false],
    ['one of ten down', { total: 10, down: 1, recentlyHealed: 0 }, false],
    ['three of ten down: exactly 30% is not more than 30%', { total: 10, down: 3, recentlyHealed: 0 }, false],
    ['three of five down: 60%', { total: 5, down: 3, recentlyHealed: 0 }, true],
    ['two of a hundred down, ten healed lately: twelve is more than ten', { total: 100, down: 2, recentlyHealed: 10 }, true],
    ['nothing down after many heals', { total: 100, down: 0, recentlyHealed: 30 }, false],
  ])('%s', (_name, count, meltdown) => {
    expect(judgeMeltdown(count, LIMITS).meltdown).toBe(meltdown);
  });

  it('says which limit a meltdown crossed, and what ends it', () => {
    expect(judgeMeltdown({ total: 5, down: 3, recentlyHealed: 0 }, LIMITS).message).toBe(
      'meltdown: 3 of 5 running nodes down, more than 30%; no node is healed until fewer are down or an admin releases it',
    );
    expect(judgeMeltdown({ total: 100, down: 2, recentlyHealed: 10 }, LIMITS).message).toContain('12 nodes down or healed lately, more than 10');
  });
});
