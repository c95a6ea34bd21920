import { describe, expect, it } from 'vitest';
import { ID_PREFIXES, isId, newId, type IdKind } from '../src/index.js';

describe('ids', () => {
  it.each(Object.keys(ID_PREFIXES) as IdKind[])('%s ids carry their prefix and validate', (kind) => {
    const id = newId(kind);
    expect(id.startsWith(`${ID_PREFIXES[kind]}-`)).toBe(true);
    expect(isId(kind, id)).toBe(true);
  });

  it('are distinct and avoid confusable characters', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('cluster')));
    expect(ids.size).toBe(10_000);
    for (const id of ids) expect(id.slice(3)).not.toMatch(/[01ilo]/);
  });

  it.each([
    ['another kind', 'app-abcdefghjk', 'cluster'],
    ['a short suffix', 'cl-abc', 'cluster'],
    ['an injection attempt', "cl-abcdefghjk' OR 1=1", 'cluster'],
  ] as Array<[string, string, IdKind]>)('rejects %s', (_case, value, kind) => {
    expect(isId(kind, value)).toBe(false);
  });
});
