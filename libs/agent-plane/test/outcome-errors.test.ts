import { describe, expect, it } from 'vitest';
import { commandOutcomeError, type CommandOutcome } from '../src/index.js';

const base: CommandOutcome = {
  commandId: 'c1',
  exitCode: 0,
  signal: '',
  timedOut: false,
  interrupted: false,
  stdoutTail: 'out\n',
  stderrTail: '',
  stdoutSize: 4,
  stderrSize: 0,
  startedAt: '',
  finishedAt: '',
};

describe('what a finished command stands for', () => {
  it.each<[string, Partial<CommandOutcome>, string | undefined, RegExp | undefined]>([
    ['exit 0 is success', {}, undefined, undefined],
    ['a non-zero exit, with stderr', { exitCode: 3, stderrTail: 'boom\n' }, 'AGENT.COMMAND_FAILED', /exit code 3: boom$/],
    ['a non-zero exit without stderr shows stdout', { exitCode: 1 }, 'AGENT.COMMAND_FAILED', /exit code 1: out$/],
    ['a signal', { exitCode: 137, signal: 'SIGKILL' }, 'AGENT.COMMAND_FAILED', /signal SIGKILL/],
    ['a timeout', { exitCode: 143, timedOut: true }, 'AGENT.COMMAND_TIMED_OUT', /timed out/],
    ['an interrupted runner', { exitCode: -1, interrupted: true }, 'AGENT.COMMAND_INTERRUPTED', /not run again/],
    ['long output is cut to its end', { exitCode: 2, stderrTail: `${'x'.repeat(2000)}END` }, 'AGENT.COMMAND_FAILED', /…x+END$/],
  ])('%s', (_name, change, code, message) => {
    const error = commandOutcomeError({ ...base, ...change }, 'node n1');
    expect(error?.code).toBe(code);
    if (message) expect(error?.message).toMatch(message);
    if (error) expect(error.message.length).toBeLessThan(700);
  });
});
