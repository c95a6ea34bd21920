import { isPitrixError } from '@pitrix/errors';
import { describe, expect, it } from 'vitest';
import { compileTemplate, encodeText, parsePackage, renderBlueprint, renderTemplate, type PackageModel } from '../src/index.js';
import { readFixture } from './fixtures.js';

function withTemplate(model: PackageModel, text: string): PackageModel {
  const { template } = compileTemplate('cluster.json.tmpl', encodeText(text));
  if (!template) throw new Error('the test template does not parse');
  return { ...model, template };
}

function thrownBy(run: () => unknown): { code: string; problems: Array<{ code?: string; path: string; found?: unknown }> } {
  try {
    run();
  } catch (err) {
    if (isPitrixError(err)) return { code: err.code, problems: [...err.problems] };
    throw err;
  }
  throw new Error('expected a Pitrix error');
}

describe('renderBlueprint: both dialects, typed values', () => {
  it("OpenPitrix's quoted placeholders become typed values", () => {
    const { blueprint } = renderBlueprint(parsePackage(readFixture('valid-openpitrix-dialect')), { cluster: { zk: { count: 5 } } });
    expect(blueprint.nodes[0]).toMatchObject({ role: 'zk', count: 5, cpu: 1, memory: 2048, volume: { size: 10 } });
    expect(blueprint.env).toEqual({ tickTime: 2000, maxClientCnxns: 60 });
  });

  it("AppCenter's unquoted placeholders write strings quoted and numbers bare", () => {
    const { blueprint } = renderBlueprint(parsePackage(readFixture('valid-appcenter-dialect')), { cluster: { name: 'prod cache', master: { count: 4 } } });
    expect(blueprint.name).toBe('prod cache');
    expect(blueprint.nodes[0]).toMatchObject({ count: 4, replica: 1 });
    expect(blueprint.env).toMatchObject({ port: 6379, 'maxmemory-percent': 80, 'common.param': 'v1', 'disabled-commands': 'FLUSHALL,FLUSHDB' });
    expect(blueprint.nodes[0]?.env).toEqual({ appendonly: true });
  });

  it('interpolates values inside strings in both dialects', () => {
    const { blueprint } = renderBlueprint(parsePackage(readFixture('render-json-injection')), { cluster: { name: 'web', count: 2 } });
    expect(blueprint.description).toBe('motd: hello (1.5)');
    expect(blueprint.env).toMatchObject({ label: 'web-2', quoted: 'hello', weight: 1.5 });
  });

  it('reads snake_case and camelCase packages to the same blueprint', () => {
    const snake = renderBlueprint(parsePackage(readFixture('valid-openpitrix-dialect')), {}).blueprint;
    const camel = renderBlueprint(parsePackage(readFixture('camel-case-keys')), {}).blueprint;
    expect(camel).toEqual(snake);
    expect(snake.nodes[0]?.services?.scale_out).toEqual({ cmd: '$PITRIX_DATA_DIR/app/bin/ctl.sh reconfig', order: 0, timeout: 600 });
  });

  it('keeps the keys of user maps (env, endpoints, links) exactly as written', () => {
    const { blueprint } = renderBlueprint(parsePackage(readFixture('valid-appcenter-dialect')), {});
    expect(Object.keys(blueprint.links ?? {})).toEqual(['zk_service']);
    expect(Object.keys(blueprint.endpoints ?? {})).toEqual(['client', 'cluster_bus']);
    expect(Object.keys(blueprint.nodes[0]?.services ?? {})).toEqual(['init', 'start', 'stop', 'scale_out', 'scale_in', 'destroy', 'backup', 'flush']);
    expect(blueprint.nodes[0]?.services?.backup?.serviceParams).toEqual({ target: 'all' });
  });

  it('inserts a whole group where a placeholder stands for it', () => {
    const model = parsePackage(readFixture('render-json-injection'));
    const { blueprint } = renderBlueprint(withTemplate(model, '{"name": {{cluster.name}}, "nodes": [{"count": 1, "cpu": 1, "memory": 64}], "env": {{env}}}'), {});
    expect(blueprint.env).toEqual({ motd: 'hello', weight: 1.5 });
  });
});

describe('renderBlueprint: a value can never change the structure', () => {
  const model = parsePackage(readFixture('render-json-injection'));

  it.each([
    ['a quote and a new key', 'x", "count": 999, "evil": "'],
    ['a closing brace', '"}]}, {"role": "evil"'],
    ['a placeholder of its own', '{{cluster.count}} {{.cluster.name}}'],
    ['backslashes and control characters', '\\", \n\t\u0000 \u2028'],
  ])('%s', (_name, motd) => {
    const { blueprint } = renderBlueprint(model, { env: { motd } });
    expect(blueprint.env).toMatchObject({ motd, quoted: motd });
    expect(blueprint.description).toBe(`motd: ${motd} (1.5)`);
    expect(blueprint.nodes).toHaveLength(1);
    expect(blueprint.nodes[0]?.count).toBe(1);
    expect(JSON.parse(JSON.stringify(blueprint))).toEqual(blueprint);
  });
});

describe('renderBlueprint: failures name what failed', () => {
  const model = parsePackage(readFixture('render-json-injection'));

  it('bad values throw PACKAGE.VALUES_INVALID with every problem', () => {
    const error = thrownBy(() => renderBlueprint(model, { cluster: { count: 7 }, env: { weight: 'heavy' } }));
    expect(error.code).toBe('PACKAGE.VALUES_INVALID');
    expect(error.problems.map((p) => `${p.path}:${p.code}`)).toEqual(['cluster.count:values.above_max', 'env.weight:values.invalid_type']);
  });

  it('an unknown reference throws PACKAGE.RENDER_FAILED naming it', () => {
    const error = thrownBy(() => renderBlueprint(withTemplate(model, '{"name": {{cluster.nmae}}, "nodes": []}'), {}));
    expect(error.code).toBe('PACKAGE.RENDER_FAILED');
    expect(error.problems).toEqual([expect.objectContaining({ code: 'template.unknown_reference', path: 'cluster.nmae', found: '{{cluster.nmae}}' })]);
  });

  it('a rendered blueprint that breaks the schema throws PACKAGE.RENDER_FAILED with the path', () => {
    const error = thrownBy(() => renderBlueprint(withTemplate(model, '{"name": "x", "nodes": [{"count": {{env.weight}}, "cpu": 1, "memory": 64}]}'), {}));
    expect(error.code).toBe('PACKAGE.RENDER_FAILED');
    expect(error.problems).toEqual([expect.objectContaining({ code: 'schema.invalid_type', path: 'nodes[0].count', found: 1.5 })]);
  });

  it('template logic is refused when the template is compiled', () => {
    const { problems } = compileTemplate('cluster.json.tmpl', encodeText('{"name": "{{range .nodes}}x{{end}}"}'));
    expect(problems.map((p) => p.code)).toEqual(['template.syntax']);
  });

  it('renderTemplate reports every unknown reference, not just the first', () => {
    const { template } = compileTemplate('t.tmpl', encodeText('{"a": {{x.y}}, "b": "{{.z}}", "c": "in {{w}} text"}'));
    const result = renderTemplate(template as NonNullable<typeof template>, { x: {} });
    expect(result.problems.map((p) => p.path)).toEqual(['x.y', 'z', 'w']);
  });
});
