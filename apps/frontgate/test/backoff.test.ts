import { describe, expect, it } from 'vitest';
import { Backoff, LEAF_RESTART_BACKOFF } from '../src/backoff.js';
import { failureReason } from '../src/leaf-server.js';

describe('the restart back-off', () => {
  it.each([
    ['doubles from 1 s after each failure that never came up', [0, 0, 0, 0], [1_000, 2_000, 4_000, 8_000]],
    ['stops doubling at the 60 s cap', [0, 0, 0, 0, 0, 0, 0, 0], [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]],
    ['keeps backing off when runs are shorter than the healthy period', [0, 0, 59_999], [1_000, 2_000, 4_000]],
    ['starts again from 1 s after a healthy run', [0, 0, 0, 60_000, 0], [1_000, 2_000, 4_000, 1_000, 2_000]],
  ])('%s', (_name, runs, delays) => {
    const backoff = new Backoff(LEAF_RESTART_BACKOFF);
    expect(runs.map((ranMs) => backoff.next(ranMs))).toEqual(delays);
  });
});

describe('the reason a leaf server gives for stopping', () => {
  const log = (...lines: string[]) => lines.map((line) => `[4711] 2026/01/02 03:04:05.678901 ${line}`).join('\n');
  it.each([
    [
      'its fatal line, without pid and time',
      log('[INF] Starting nats-server', '[FTL] Error listening on port: 127.0.0.1:4222, "listen tcp 127.0.0.1:4222: bind: address already in use"'),
      'Error listening on port: 127.0.0.1:4222, "listen tcp 127.0.0.1:4222: bind: address already in use"',
    ],
    ['its last line when nothing was fatal', log('[INF] Server is ready', '[INF] Leafnode connection created') + '\n', 'its last words: [4711] 2026/01/02 03:04:05.678901 [INF] Leafnode connection created'],
    ['what a config error prints', 'nats-server: leaf.conf:3:1: unknown field "bogus"\n', 'its last words: nats-server: leaf.conf:3:1: unknown field "bogus"'],
    ['that it said nothing', '', 'it wrote nothing'],
  ])('is %s', (_name, output, reason) => {
    expect(failureReason(output)).toBe(reason);
  });
});
