import { hasErrorCode } from '@pitrix/errors';
import { describe, expect, it } from 'vitest';
import { droneSubjects, frontgateSubjects, isToken, jetStreamDomain, parseDroneEventSubject } from '../src/index.js';

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('subjects', () => {
  it.each([
    ['frontgate ping', () => frontgateSubjects('fg-1').ping, 'pitrix.fg.fg-1.frontgate.ping'],
    ['frontgate status', () => frontgateSubjects('fg-1').status, 'pitrix.fg.fg-1.evt.frontgate.status'],
    ['frontgate events', () => frontgateSubjects('fg-1').events, 'pitrix.fg.fg-1.evt.>'],
    ['network', () => frontgateSubjects('fg-1').all, 'pitrix.fg.fg-1.>'],
    ['drone command', () => droneSubjects('fg-1', 'cln-1').command, 'pitrix.fg.fg-1.node.cln-1.cmd'],
    ['drone ping', () => droneSubjects('fg-1', 'cln-1').ping, 'pitrix.fg.fg-1.node.cln-1.ping'],
    ['drone inbound', () => droneSubjects('fg-1', 'cln-1').inbound, 'pitrix.fg.fg-1.node.cln-1.>'],
    ['drone inbox prefix', () => droneSubjects('fg-1', 'cln-1').inboxPrefix, 'pitrix.fg.fg-1.node.cln-1.inbox'],
    ['drone outbound', () => droneSubjects('fg-1', 'cln-1').outbound, 'pitrix.fg.fg-1.evt.node.cln-1.>'],
    ['drone heartbeat', () => droneSubjects('fg-1', 'cln-1').heartbeat, 'pitrix.fg.fg-1.evt.node.cln-1.heartbeat'],
    ['drone monitor report', () => droneSubjects('fg-1', 'cln-1').monitor, 'pitrix.fg.fg-1.evt.node.cln-1.monitor'],
    ['monitor reports of a network', () => frontgateSubjects('fg-1').monitorReports, 'pitrix.fg.fg-1.evt.node.*.monitor'],
    ['command progress', () => droneSubjects('fg-1', 'cln-1').progress('cmd_1'), 'pitrix.fg.fg-1.evt.node.cln-1.progress.cmd_1'],
    ['JetStream domain', () => jetStreamDomain('fg-1'), 'fg-1'],
  ])('%s', (_name, build, expected) => {
    expect(build()).toBe(expected);
  });

  it('every drone subject is inside its network, and what it publishes is under the events wildcard', () => {
    const drone = droneSubjects('fg-1', 'n1');
    for (const subject of [drone.command, drone.ping, drone.inboxPrefix]) expect(subject.startsWith('pitrix.fg.fg-1.')).toBe(true);
    for (const subject of [drone.heartbeat, drone.health, drone.monitor, drone.progress('c')]) expect(subject.startsWith('pitrix.fg.fg-1.evt.')).toBe(true);
  });

  it.each([
    ['a dot would add a token', 'fg.1'],
    ['a wildcard', 'fg-*'],
    ['a full wildcard', '>'],
    ['a space', 'fg 1'],
    ['empty', ''],
  ])('rejects an id with %s as INPUT.INVALID', (_name, id) => {
    expect(isToken(id)).toBe(false);
    expect(thrownBy(() => frontgateSubjects(id))).toSatisfy((err: unknown) => hasErrorCode(err, 'INPUT.INVALID'));
    expect(thrownBy(() => droneSubjects('fg-1', id))).toSatisfy((err: unknown) => hasErrorCode(err, 'INPUT.INVALID'));
  });

  it.each([
    ['a heartbeat', 'pitrix.fg.fg-1.evt.node.n1.heartbeat', { frontgateId: 'fg-1', nodeId: 'n1', kind: 'heartbeat' }],
    ['progress', 'pitrix.fg.fg-1.evt.node.n1.progress.c1', { frontgateId: 'fg-1', nodeId: 'n1', kind: 'progress' }],
    ['frontgate status', 'pitrix.fg.fg-1.evt.frontgate.status', undefined],
    ['another root', 'other.fg.fg-1.evt.node.n1.heartbeat', undefined],
  ])('parses the drone event subject of %s', (_name, subject, expected) => {
    expect(parseDroneEventSubject(subject)).toEqual(expected);
  });
});
