import { buildSelfView, HealthStatus, type ConfigTemplateEntry } from '@pitrix/agent-protocol';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentUser, INITIAL_HEALTH, nextHealth, parseMode, renderTemplate, runProbe, writeIfChanged } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'pitrix-drone-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('health thresholds', () => {
  const spec = { healthyThreshold: 2, unhealthyThreshold: 3 };
  const run = (checks: boolean[]) => checks.reduce((state, passed) => nextHealth(state, passed, spec), INITIAL_HEALTH).status;
  it.each([
    ['no checks', [], HealthStatus.UNKNOWN],
    ['one pass is not enough', [true], HealthStatus.UNKNOWN],
    ['two passes make it healthy', [true, true], HealthStatus.HEALTHY],
    ['two failures keep it healthy', [true, true, false, false], HealthStatus.HEALTHY],
    ['three failures in a row make it unhealthy', [true, true, false, false, false], HealthStatus.UNHEALTHY],
    ['failures interrupted by a pass do not add up', [false, false, true, false, false], HealthStatus.UNKNOWN],
    ['it recovers after two passes', [false, false, false, true, true], HealthStatus.HEALTHY],
  ])('%s', (_name, checks, status) => {
    expect(run(checks)).toBe(status);
  });
});

describe('config templates', () => {
  const view = buildSelfView(new Map<string, unknown>([['clusters.c.hosts.n', { node_id: 'n', ip: '10.0.0.1', role: 'r', sid: 1, gid: 1 }]]), { clusterId: 'c', nodeId: 'n', role: 'r' });
  const render = (content: string) => renderTemplate({ name: 't', content, destination: 'd' } satisfies ConfigTemplateEntry, view);
  it.each([
    ['a value, not HTML-escaped', 'bind {{host.ip}} <&>', 'bind 10.0.0.1 <&>'],
    ['a loop over hosts by role', '{{#each hosts.r}}{{@key}}={{sid}};{{/each}}', 'n=1;'],
    ['a key with a dash', '{{#each [adding-hosts]}}x{{/each}}empty', 'empty'],
    ['no prototype properties', '[{{host.constructor}}][{{host.__proto__}}]', '[][]'],
  ])('renders %s', (_name, content, expected) => {
    expect(render(content)).toBe(expected);
  });
});

describe('atomic files', () => {
  it('writes only when the bytes change, and sets the exact mode', () => {
    const file = join(dir, 'sub/conf');
    expect(writeIfChanged(file, Buffer.from('a'), 0o640)).toBe('created');
    expect(writeIfChanged(file, Buffer.from('a'), 0o600)).toBe('unchanged');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(writeIfChanged(file, Buffer.from('b'), 0o777)).toBe('changed');
    expect(statSync(file).mode & 0o777).toBe(0o777);
    expect(readFileSync(file, 'utf8')).toBe('b');
  });

  it.each([
    ['0644', 0o644],
    ['755', 0o755],
    [undefined, 0o600],
    ['rwx', 0o600],
  ])('parses the mode %s', (mode, expected) => {
    expect(parseMode(mode, 0o600)).toBe(expected);
  });
});

describe('probes (health checks, reload commands)', () => {
  it('kill their whole process group at the timeout and keep the end of their output', async () => {
    const started = Date.now();
    const result = await runProbe('echo before; sleep 30 & sleep 30; echo never', { env: { PATH: '/usr/bin:/bin' }, cwd: dir, user: currentUser(), timeoutMs: 300 });
    expect(result).toMatchObject({ timedOut: true, output: 'before\n' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('report the exit code', async () => {
    expect(await runProbe('exit 4', { env: {}, cwd: dir, user: currentUser(), timeoutMs: 5_000 })).toMatchObject({ exitCode: 4, timedOut: false });
  });
});
