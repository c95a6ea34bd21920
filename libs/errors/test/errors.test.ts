import { ApplicationFailure, ActivityFailure, RetryState } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  fromTemporalFailure,
  hasErrorCode,
  isErrorCode,
  isRetryable,
  PitrixError,
  toApplicationFailure,
  toGraphQLErrorShape,
  type ErrorCode,
} from '../src/index.js';

describe('error codes', () => {
  it.each([
    ['INPUT.INVALID', false],
    ['CONFIG.INVALID', false],
    ['AUTH.FORBIDDEN', false],
    ['SKELETON.RUN_NOT_FOUND', false],
    ['SECRET.UNREADABLE', false],
    ['PACKAGE.INVALID', false],
    ['PACKAGE.UNSAFE_ARCHIVE', false],
    ['PACKAGE.NOT_FOUND', false],
    ['SYSTEM.DEPENDENCY_UNAVAILABLE', true],
    ['SYSTEM.INTERNAL', true],
    ['AGENT.DRONE_UNREACHABLE', true],
    ['AGENT.COMMAND_FAILED', false],
    ['AGENT.COMMAND_TIMED_OUT', false],
    ['AGENT.COMMAND_INVALID', false],
  ] as Array<[ErrorCode, boolean]>)('%s retryable=%s', (code, retryable) => {
    expect(isRetryable(code)).toBe(retryable);
  });

  it('every code is DOMAIN.REASON in capitals', () => {
    for (const code of Object.keys(ERROR_CODES)) expect(code).toMatch(/^[A-Z]+\.[A-Z_]+$/);
  });

  it.each([
    ['a published code', 'INPUT.INVALID', true],
    ['an unknown code', 'NOPE.NOPE', false],
    ['a prototype key', 'toString', false],
    ['not a string', 42, false],
  ])('isErrorCode: %s', (_name, value, expected) => {
    expect(isErrorCode(value)).toBe(expected);
  });
});

describe('Temporal mapping', () => {
  it('bad input becomes a non-retryable ApplicationFailure whose type is the code', () => {
    const failure = toApplicationFailure(
      new PitrixError('INPUT.INVALID', 'bad', [{ path: 'cluster.name', message: 'required' }]),
    ) as ApplicationFailure;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.type).toBe('INPUT.INVALID');
    expect(failure.nonRetryable).toBe(true);
  });

  it('an unavailable dependency stays retryable', () => {
    const failure = toApplicationFailure(new PitrixError('SYSTEM.DEPENDENCY_UNAVAILABLE', 'down')) as ApplicationFailure;
    expect(failure.nonRetryable).toBe(false);
  });

  it('a plain error passes through untouched so Temporal retries it', () => {
    const err = new Error('boom');
    expect(toApplicationFailure(err)).toBe(err);
  });

  it('rebuilds the code and problems from the bottom of a failure chain', () => {
    const app = toApplicationFailure(
      new PitrixError('INPUT.INVALID', 'bad values', [{ path: 'env.port', message: 'too big', expected: '<= 65535', found: 70000 }]),
    ) as ApplicationFailure;
    const activity = new ActivityFailure('failed', 'renderBlueprint', 'act-1', RetryState.NON_RETRYABLE_FAILURE, 'worker', app);
    const rebuilt = fromTemporalFailure(activity);
    expect(rebuilt?.code).toBe('INPUT.INVALID');
    expect(rebuilt?.problems).toEqual([{ path: 'env.port', message: 'too big', expected: '<= 65535', found: 70000 }]);
    expect(hasErrorCode(rebuilt, 'INPUT.INVALID')).toBe(true);
  });

  it('carries structured details (exit code, output) across the boundary', () => {
    const app = toApplicationFailure(new PitrixError('INPUT.INVALID', 'failed', [], { details: { exitCode: 3, stderrTail: 'boom' } })) as ApplicationFailure;
    expect(fromTemporalFailure(app)?.details).toEqual({ exitCode: 3, stderrTail: 'boom' });
  });

  it('returns undefined when no Pitrix code is in the chain', () => {
    expect(fromTemporalFailure(ApplicationFailure.create({ type: 'SomethingElse', message: 'x' }))).toBeUndefined();
  });
});

describe('GraphQL mapping', () => {
  it('keeps the code, message and problems of a Pitrix error', () => {
    const shape = toGraphQLErrorShape(new PitrixError('INPUT.INVALID', 'bad', [{ path: 'a', message: 'b' }]));
    expect(shape).toEqual({ message: 'bad', extensions: { code: 'INPUT.INVALID', problems: [{ path: 'a', message: 'b' }] } });
  });

  it('hides anything else behind SYSTEM.INTERNAL without its message', () => {
    const shape = toGraphQLErrorShape(new Error('password=hunter2 in SQL'));
    expect(shape.extensions.code).toBe('SYSTEM.INTERNAL');
    expect(shape.message).not.toContain('hunter2');
  });
});
