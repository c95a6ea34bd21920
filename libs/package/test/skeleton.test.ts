import { describe, expect, it } from 'vitest';
import { createSkeleton, lintPackage, parsePackage, renderBlueprint } from '../src/index.js';

describe('createSkeleton', () => {
  it('passes lint without a single warning', () => {
    expect(lintPackage(createSkeleton('hello-web'))).toEqual([]);
  });

  it('renders with its defaults and with user values', () => {
    const model = parsePackage(createSkeleton('hello-web'));
    expect(model.metadata).toMatchObject({ name: 'hello-web', version: '0.1.0' });
    const { blueprint } = renderBlueprint(model, { cluster: { web: { count: 3 } }, env: { greeting: 'Hi' } });
    expect(blueprint.nodes[0]).toMatchObject({ role: 'web', count: 3 });
    expect(blueprint.env).toEqual({ port: 8080, greeting: 'Hi' });
  });

  it('ships its hook script executable', () => {
    expect(createSkeleton('x1').find((file) => file.path === 'files/bin/web.sh')?.mode).toBe(0o755);
  });
});
