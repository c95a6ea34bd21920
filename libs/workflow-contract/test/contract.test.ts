import { describe, expect, it } from 'vitest';
import { SEARCH_ATTRIBUTE_REGISTRATIONS, SearchAttributes, skeletonSubject, skeletonWorkflowId } from '../src/index.js';

describe('search attributes', () => {
  it('are registered once each, all as Keyword, with the Pitrix prefix', () => {
    const names = SEARCH_ATTRIBUTE_REGISTRATIONS.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(Object.values(SearchAttributes).map((key) => key.name));
    for (const registration of SEARCH_ATTRIBUTE_REGISTRATIONS) {
      expect(registration.name).toMatch(/^Pitrix[A-Z][A-Za-z]+$/);
      expect(registration.type).toBe('Keyword');
    }
  });

  it('cover what the Temporal UI needs to find a job by cluster, app, runtime, action and status', () => {
    expect(Object.keys(SearchAttributes)).toEqual(expect.arrayContaining(['clusterId', 'appId', 'runtimeId', 'action', 'jobStatus']));
  });
});

describe('ids and subjects', () => {
  it.each([
    ['a uuid', '3f2c', 'skeleton-3f2c', 'pitrix.system.skeleton.3f2c'],
    ['a short id', 'x', 'skeleton-x', 'pitrix.system.skeleton.x'],
  ])('for %s', (_case, id, workflowId, subject) => {
    expect(skeletonWorkflowId(id)).toBe(workflowId);
    expect(skeletonSubject(id)).toBe(subject);
  });
});
