import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { helmBinary } from '@pitrix/testing';

const bin = join(__dirname, '../bin/pitrix.js');
const webShop = join(__dirname, '../../../examples/charts/web-shop');
const charts = join(__dirname, '../../../libs/package/test/testdata/charts');

let helm = '';
function pitrix(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, PITRIX_HELM_BINARY: helm, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pitrix package lint on Helm charts', () => {
  beforeAll(async () => {
    helm = await helmBinary();
  });

  it('passes the example chart (static rules and helm template with its defaults)', async () => {
    const linted = await pitrix(['package', 'lint', webShop]);
    expect(linted).toMatchObject({ code: 0 });
    expect(linted.stdout).toContain('1 chart linted, 0 errors, 0 warnings');
  });

  it("refuses a chart that does not render, with helm's message and the template", async () => {
    const { code, stdout } = await pitrix(['--json', 'package', 'lint', join(charts, 'not-rendering')]);
    expect(code).toBe(1);
    const problems = (JSON.parse(stdout) as { problems: Array<{ code: string; file: string; message: string }> }).problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'chart.render', file: 'templates/configmap.yaml' })]);
    expect(problems[0]!.message).toContain('function "nosuchfunction" not defined');
  });

  it('says where helm is missing', async () => {
    const { code, stderr } = await pitrix(['package', 'lint', webShop], { PITRIX_HELM_BINARY: '/nonexistent/helm' });
    expect(code).toBe(1);
    expect(stderr).toContain('/nonexistent/helm');
  });
});
