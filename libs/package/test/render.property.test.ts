import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeText, parsePackage, renderBlueprint, type PackageFile } from '../src/index.js';

type Kind = 'integer' | 'number' | 'string' | 'boolean';

const valueOf: Record<Kind, fc.Arbitrary<unknown>> = {
  integer: fc.maxSafeInteger().filter((n) => Number.isSafeInteger(n)),
  number: fc.double({ noNaN: true, noDefaultInfinity: true }),
  string: fc.string({ unit: 'binary', maxLength: 40 }),
  boolean: fc.boolean(),
};

const params = fc.uniqueArray(
  fc.record({ key: fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}$/), kind: fc.constantFrom<Kind>('integer', 'number', 'string', 'boolean') }),
  { minLength: 1, maxLength: 6, selector: (param) => param.key },
);

/** A package whose env uses every parameter three ways: unquoted, quoted (OpenPitrix) and inside a string. */
function packageFor(list: readonly { key: string; kind: Kind }[]): PackageFile[] {
  const config = { type: 'array', properties: [{ key: 'env', type: 'array', properties: list.map(({ key, kind }) => ({ key, type: kind })) }] };
  const env = list.map(({ key }) => `"${key}": {{env.${key}}}, "${key}.q": "{{.env.${key}}}", "${key}.s": "<{{env.${key}}}>"`).join(', ');
  const template = `{"name": "p", "nodes": [{"role": "r", "count": 1, "cpu": 1, "memory": 64}], "env": {${env}}}`;
  const file = (path: string, text: string): PackageFile => ({ path, bytes: encodeText(text), mode: 0o644 });
  return [
    file('package.json', '{"name": "property", "version": "1.0.0"}'),
    file('config.json', JSON.stringify(config)),
    file('cluster.json.tmpl', template),
    file('README.md', '# property'),
  ];
}

describe('rendering, for random valid values', () => {
  it('yields JSON whose numbers and strings round-trip exactly', () => {
    const scenario = params.chain((list) => fc.tuple(fc.constant(list), fc.tuple(...list.map(({ kind }) => valueOf[kind]))));
    fc.assert(
      fc.property(scenario, ([list, values]) => {
        const model = parsePackage(packageFor(list));
        const env = Object.fromEntries(list.map(({ key }, index) => [key, values[index]]));
        const { blueprint } = renderBlueprint(model, { env });
        const parsed = JSON.parse(JSON.stringify(blueprint)) as { env: Record<string, unknown> };
        list.forEach(({ key }, index) => {
          const value = Object.is(values[index], -0) ? 0 : values[index];
          expect(Object.is(parsed.env[key], value)).toBe(true);
          expect(Object.is(parsed.env[`${key}.q`], value)).toBe(true);
          expect(parsed.env[`${key}.s`]).toBe(`<${String(value)}>`);
        });
        expect(Object.keys(parsed.env)).toHaveLength(list.length * 3);
      }),
      { numRuns: 300, seed: 20_240_601 },
    );
  });
});
