import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPitrixError } from '@pitrix/errors';
import { describe, expect, it } from 'vitest';
import { archiveName, buildRepoIndex, parseRepoIndex, serializeRepoIndex, type IndexItem } from '../src/index.js';

const INDEXES = join(__dirname, 'testdata/indexes');

function item(name: string, version: string, digit: string): IndexItem {
  return { metadata: { apiVersion: 'v1', name, version, appVersion: '7.0' }, digest: digit.repeat(64), url: `${name}-${version}.tgz`, created: '2024-06-01T00:00:00.000Z' };
}

describe('buildRepoIndex', () => {
  const items = [item('redis', '1.0.0', 'a'), item('redis', '1.10.0', 'b'), item('nats', '0.1.0', 'c'), item('redis', '1.2.0-rc.1', 'd'), item('redis', '1.2.0', 'e')];

  it('lists names in order and each name newest version first', () => {
    const { index, problems } = buildRepoIndex(items, '2024-06-01T00:00:00.000Z');
    expect(problems).toEqual([]);
    expect(Object.keys(index.entries)).toEqual(['nats', 'redis']);
    expect(index.entries.redis?.map((entry) => entry.version)).toEqual(['1.10.0', '1.2.0', '1.2.0-rc.1', '1.0.0']);
    expect(index.entries.nats?.[0]).toEqual({ name: 'nats', version: '0.1.0', appVersion: '7.0', urls: ['nats-0.1.0.tgz'], created: '2024-06-01T00:00:00.000Z', digest: 'c'.repeat(64) });
  });

  it('keeps the first archive of a version listed twice and reports the second', () => {
    const { index, problems } = buildRepoIndex([item('redis', '1.0.0', 'a'), { ...item('redis', '1.0.0', 'b'), url: 'copy/redis-1.0.0.tgz' }], 'now');
    expect(index.entries.redis).toHaveLength(1);
    expect(problems).toEqual([expect.objectContaining({ code: 'index.duplicate_version', file: 'copy/redis-1.0.0.tgz' })]);
  });

  it('names archives <name>-<version>.tgz', () => {
    expect(archiveName({ name: 'redis-cluster', version: '7.0.1' })).toBe('redis-cluster-7.0.1.tgz');
  });
});

describe('index.yaml', () => {
  it('writes the OpenPitrix format and reads it back to the same index', () => {
    const { index } = buildRepoIndex([item('redis', '1.0.0', 'a'), item('redis', '2.0.0', 'b')], '2024-06-01T00:00:00.000Z');
    const text = serializeRepoIndex(index);
    expect(text).toMatch(/^api_version: v1\nentries:\n {2}redis:\n {4}- name: redis\n {6}version: 2\.0\.0\n {6}app_version: "7\.0"\n/);
    expect(text).toContain('generated: 2024-06-01T00:00:00.000Z');
    expect(parseRepoIndex(text)).toEqual(index);
    expect(serializeRepoIndex(parseRepoIndex(text))).toBe(text);
  });

  it("reads Helm's index, keeping what a catalogue needs", () => {
    const index = parseRepoIndex(readFileSync(join(INDEXES, 'helm.yaml'), 'utf8'));
    expect(index.format).toBe('helm');
    expect(index.entries.nginx?.map((entry) => entry.version)).toEqual(['15.5.0', '15.4.0']);
    expect(index.entries.nginx?.[0]).toMatchObject({ appVersion: '1.25.3', digest: '1'.repeat(64), urls: ['https://charts.example/nginx-15.5.0.tgz'], keywords: ['nginx'] });
  });

  it("reads OpenPitrix's own index files", () => {
    const index = parseRepoIndex(readFileSync(join(INDEXES, 'openpitrix.yaml'), 'utf8'));
    expect(index.format).toBe('openpitrix');
    expect(index.entries.zookeeper?.[0]).toMatchObject({ name: 'zookeeper', version: '0.1.0', appVersion: '3.4.14', urls: ['zookeeper-0.1.0.tgz'] });
  });

  it.each([
    ['broken YAML', 'entries: [a\n', 'index.yaml_syntax'],
    ['a duplicate key', 'apiVersion: v1\napiVersion: v1\n', 'index.yaml_syntax'],
    ['no api version', 'entries: {}\n', 'schema.invalid_value'],
    ['a version without urls', 'apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n', 'schema.invalid_type'],
    ['a malformed digest', 'apiVersion: v1\nentries:\n  a:\n  - {name: a, version: 1.0.0, urls: [a.tgz], digest: xyz}\n', 'schema.invalid_format'],
    ['an alias bomb', `apiVersion: v1\na: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `b${i}: &b${i} [${Array(10).fill(i === 0 ? '*a' : `*b${i - 1}`).join(', ')}]`).join('\n')}\n`, 'index.yaml_syntax'],
  ])('refuses %s with PACKAGE.INDEX_INVALID', (_name, text, code) => {
    let thrown: unknown;
    try {
      parseRepoIndex(text);
    } catch (err) {
      thrown = err;
    }
    expect(isPitrixError(thrown) && thrown.code).toBe('PACKAGE.INDEX_INVALID');
    expect(isPitrixError(thrown) && thrown.problems.map((problem) => problem.code)).toContain(code);
  });
});
