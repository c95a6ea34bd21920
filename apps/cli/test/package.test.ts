import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRepoIndex } from '@pitrix/package';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(__dirname, '../bin/pitrix.js');
const fixtures = join(__dirname, '../../../libs/package/test/testdata/packages');
const work = mkdtempSync(join(tmpdir(), 'pitrix-cli-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pitrix(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: process.env, cwd: work });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pitrix package', () => {
  it('create writes a skeleton that lints clean', async () => {
    const created = await pitrix(['package', 'create', 'hello-web']);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const linted = await pitrix(['package', 'lint', 'hello-web']);
    expect(linted.code).toBe(0);
    expect(linted.stdout).toContain('1 package linted, 0 errors, 0 warnings');
  });

  it('create refuses a bad name and an existing folder', async () => {
    expect((await pitrix(['package', 'create', 'Not_Valid'])).stderr).toContain('[INPUT.INVALID]');
    cpSync(join(fixtures, 'valid-openpitrix-dialect'), join(work, 'taken'), { recursive: true });
    const again = await pitrix(['package', 'create', 'taken']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });

  it('lint prints every problem and exits 1 on errors', async () => {
    const { code, stdout } = await pitrix(['package', 'lint', join(fixtures, 'many-problems-at-once')]);
    expect(code).toBe(1);
    expect(stdout.split('\n').filter((line) => line.startsWith('[ERROR]'))).toHaveLength(5);
    expect(stdout).toMatch(/^\[ERROR\] package\.json: version: line 4, column 14: is not a semantic version .*\[package\.invalid_version\]$/m);
    expect(stdout).toContain('1 package linted, 5 errors, 1 warning');
  });

  it('lint --json prints the problems as data', async () => {
    const { code, stdout } = await pitrix(['package', 'lint', join(fixtures, 'hook-script-missing'), '--json']);
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as { errors: number; problems: Array<{ code: string; file: string; path: string }> };
    expect(result.errors).toBe(1);
    expect(result.problems[0]).toMatchObject({ code: 'hook.missing_file', file: 'cluster.json.tmpl', path: 'nodes[0].services.stop.cmd' });
  });

  it('lint --index checks the upgrade policy against the repository', async () => {
    const index = join(work, 'cache-index.yaml');
    writeFileSync(index, 'apiVersion: v1\nentries:\n  cache-cluster:\n  - {name: cache-cluster, version: 1.9.3, urls: [a.tgz]}\n');
    const { code, stdout } = await pitrix(['--json', 'package', 'lint', join(fixtures, 'valid-appcenter-dialect'), '--index', index]);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { problems: Array<{ code: string; found: string }> }).problems).toEqual([expect.objectContaining({ code: 'upgrade.unknown_version', found: '2.0.0' })]);
  });

  it('build is deterministic and prints the sha256; index lists the archives; lint reads the .tgz', async () => {
    const first = JSON.parse((await pitrix(['package', 'build', 'hello-web', '-o', 'repo', '--json'])).stdout) as { file: string; sha256: string };
    const bytes = readFileSync(first.file);
    const second = await pitrix(['package', 'build', 'hello-web', '-o', 'repo']);
    expect(second.stdout).toBe(`${first.file}\nsha256: ${first.sha256}\n`);
    expect(readFileSync(first.file).equals(bytes)).toBe(true);

    const indexed = await pitrix(['package', 'index', 'repo', '--url', 'https://repo.example/apps']);
    expect(indexed).toMatchObject({ code: 0, stdout: 'repo/index.yaml: 1 version of 1 package\n' });
    const index = parseRepoIndex(readFileSync(join(work, 'repo/index.yaml'), 'utf8'));
    expect(index.entries['hello-web']?.[0]).toMatchObject({ version: '0.1.0', digest: first.sha256, urls: ['https://repo.example/apps/hello-web-0.1.0.tgz'] });

    expect((await pitrix(['package', 'lint', first.file])).code).toBe(0);
  });

  it('build refuses a package that does not lint', async () => {
    const { code, stderr } = await pitrix(['package', 'build', join(fixtures, 'duplicate-role-names'), '-o', 'refused']);
    expect(code).toBe(1);
    expect(stderr).toContain('[PACKAGE.INVALID]');
    expect(stderr).toContain('[role.duplicate]');
    expect(existsSync(join(work, 'refused'))).toBe(false);
  });

  it('render prints the blueprint with the values applied', async () => {
    writeFileSync(join(work, 'values.json'), JSON.stringify({ cluster: { name: 'shop', web: { count: 2 } }, env: { greeting: 'Hi "there"' } }));
    const { code, stdout } = await pitrix(['package', 'render', 'hello-web', '--values', 'values.json']);
    expect(code).toBe(0);
    const blueprint = JSON.parse(stdout) as { name: string; nodes: Array<{ count: number }>; env: Record<string, unknown> };
    expect(blueprint).toMatchObject({ name: 'shop', nodes: [{ count: 2 }], env: { port: 8080, greeting: 'Hi "there"' } });
  });

  it('render reports bad values with their path and exits 1', async () => {
    writeFileSync(join(work, 'bad.json'), JSON.stringify({ cluster: { web: { count: 9 } } }));
    const { code, stderr } = await pitrix(['package', 'render', 'hello-web', '-f', 'bad.json']);
    expect(code).toBe(1);
    expect(stderr).toContain('[PACKAGE.VALUES_INVALID]');
    expect(stderr).toContain('values: cluster.web.count: is above the maximum (expected <= 5, found 9) [values.above_max]');
  });
});
