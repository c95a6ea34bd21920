import { describe, expect, it } from 'vitest';
import { nodeIdFromSeed } from '../src/index.js';

describe('nodeIdFromSeed', () => {
  it('is stable for a seed and shaped like other ids', () => {
    expect(nodeIdFromSeed('job-abc/master/1')).toBe(nodeIdFromSeed('job-abc/master/1'));
    expect(nodeIdFromSeed('job-abc/master/1')).toMatch(/^cln-[abcdefghjkmnpqrstuvwxyz23456789]{10}$/);
  });

  it('differs across 100,000 seeds', () => {
    const ids = new Set(Array.from({ length: 100_000 }, (_, i) => nodeIdFromSeed(`job-${Math.floor(i / 100)}/role-${i % 7}/${i}`)));
    expect(ids.size).toBe(100_000);
  });
});
