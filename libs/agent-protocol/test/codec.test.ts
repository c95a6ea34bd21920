import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { hasErrorCode, PitrixError } from '@pitrix/errors';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CommandReplySchema,
  CommandState,
  decodeMessage,
  encodeMessage,
  fromWireError,
  HeartbeatSchema,
  RunCommandRequestSchema,
  toWireError,
} from '../src/index.js';

describe('codecs', () => {
  it('a command request survives the wire', () => {
    const bytes = encodeMessage(RunCommandRequestSchema, {
      command: { id: 'c1', cmd: 'echo hi', env: { A: '1' }, user: 'nobody', timeoutSeconds: 5, metadataRevision: 7n },
      waitMs: 1000,
    });
    const decoded = decodeMessage(RunCommandRequestSchema, bytes);
    expect(decoded.command).toMatchObject({ id: 'c1', cmd: 'echo hi', env: { A: '1' }, user: 'nobody', timeoutSeconds: 5, metadataRevision: 7n });
    expect(decoded.waitMs).toBe(1000);
  });

  it('a finished reply carries the result with its sizes and times', () => {
    const bytes = encodeMessage(CommandReplySchema, {
      state: CommandState.FINISHED,
      result: { commandId: 'c1', exitCode: 3, stdoutTail: 'out', stdoutSize: 5_000_000_000n, startedAt: timestampFromMs(1000), finishedAt: timestampFromMs(2000) },
    });
    const reply = decodeMessage(CommandReplySchema, bytes);
    expect(reply.state).toBe(CommandState.FINISHED);
    expect(reply.result).toMatchObject({ exitCode: 3, stdoutTail: 'out', stdoutSize: 5_000_000_000n });
  });

  it('garbage is AGENT.PROTOCOL_ERROR naming the expected message', () => {
    try {
      decodeMessage(HeartbeatSchema, new Uint8Array([0xff, 0xff, 0xff]));
      expect.unreachable();
    } catch (err) {
      expect(hasErrorCode(err, 'AGENT.PROTOCOL_ERROR')).toBe(true);
      expect((err as Error).message).toContain('pitrix.agent.v1.Heartbeat');
    }
  });
});

describe('errors on the wire', () => {
  it.each([
    ['a Pitrix error keeps its code', new PitrixError('AGENT.COMMAND_INVALID', 'bad user'), 'AGENT.COMMAND_INVALID'],
    ['anything else is internal', new Error('boom'), 'SYSTEM.INTERNAL'],
  ])('%s', (_name, err, code) => {
    const rebuilt = fromWireError({ $typeName: 'pitrix.agent.v1.WireError', ...toWireError(err) });
    expect(rebuilt.code).toBe(code);
  });

  it.each([
    ['an unknown code', { code: 'NOPE.NOPE', message: 'x' }],
    ['no error at all', undefined],
  ])('%s becomes AGENT.PROTOCOL_ERROR', (_name, wire) => {
    const rebuilt = fromWireError(wire ? { $typeName: 'pitrix.agent.v1.WireError', ...wire } : undefined);
    expect(rebuilt.code).toBe('AGENT.PROTOCOL_ERROR');
  });
});

describe('generated code', () => {
  it('is exactly what buf generates from proto/ (never edited by hand)', () => {
    const root = join(__dirname, '../../..');
    const out = mkdtempSync(join(tmpdir(), 'pitrix-buf-'));
    try {
      execFileSync(join(root, 'node_modules/.bin/buf'), ['generate', '--output', out], { cwd: root, stdio: 'pipe' });
      const generated = join(out, 'libs/agent-protocol/src/gen/pitrix/agent/v1');
      const committed = join(__dirname, '../src/gen/pitrix/agent/v1');
      expect(readdirSync(committed).sort()).toEqual(readdirSync(generated).sort());
      for (const file of readdirSync(generated)) expect(readFileSync(join(committed, file), 'utf8')).toBe(readFileSync(join(generated, file), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
