import { describe, expect, it } from 'vitest';
import { canSee, isUnder, ownerPathFor, visibleOwnerSql, visibleOwnerWhere, type Caller } from '../src/access/index.js';

const caller = (over: Partial<Caller>): Caller => ({
  userId: 'usr-bob',
  login: 'bob',
  roles: ['user'],
  ownerPath: 'usr-bob',
  visiblePaths: ['usr-bob'],
  scope: 'full',
  authenticatedBy: 'token',
  ...over,
});

describe('owner paths', () => {
  it('puts a path under itself and under its ancestors, never under a bare prefix', () => {
    expect(isUnder('usr-bob', 'usr-bob')).toBe(true);
    expect(isUnder('grp-acme.usr-bob', 'grp-acme')).toBe(true);
    expect(isUnder('usr-bobby', 'usr-bob')).toBe(false);
    expect(isUnder('grp-acmecorp.usr-x', 'grp-acme')).toBe(false);
    expect(isUnder('grp-acme', 'grp-acme.usr-bob')).toBe(false);
  });

  it('lets a caller see its own and its groups’ resources, an admin everything', () => {
    const member = caller({ ownerPath: 'grp-acme.usr-bob', visiblePaths: ['grp-acme'] });
    expect(canSee(member, 'grp-acme.usr-alice')).toBe(true);
    expect(canSee(member, 'grp-acmecorp.usr-alice')).toBe(false);
    expect(canSee(caller({}), 'usr-bobby')).toBe(false);
    expect(canSee(caller({ roles: ['admin'], visiblePaths: [] }), 'usr-anyone')).toBe(true);
  });

  it('builds one SQL condition with exact and child matches, escaping LIKE wildcards', () => {
    const params: unknown[] = ['first'];
    expect(visibleOwnerSql(caller({ visiblePaths: ['usr-b_b', 'grp-a%'] }), 'owner_path', params)).toBe('((owner_path = $2 OR owner_path LIKE $3) OR (owner_path = $4 OR owner_path LIKE $5))');
    expect(params).toEqual(['first', 'usr-b_b', 'usr-b\\_b.%', 'grp-a%', 'grp-a\\%.%']);
    expect(visibleOwnerWhere(caller({}), 'r.ownerPath')).toEqual(['((r.ownerPath = :visible0 OR r.ownerPath LIKE :visible1))', { visible0: 'usr-bob', visible1: 'usr-bob.%' }]);
    expect(visibleOwnerWhere(caller({ roles: ['admin'] }), 'r.ownerPath')).toEqual(['true', {}]);
    expect(visibleOwnerWhere(caller({ visiblePaths: [] }), 'r.ownerPath')).toEqual(['false', {}]);
  });

  it('gives a new resource its creator’s path, or a group’s for its members and admins only', () => {
    expect(ownerPathFor(caller({}), undefined)).toBe('usr-bob');
    expect(ownerPathFor(caller({ visiblePaths: ['grp-acme'] }), 'grp-acme')).toBe('grp-acme');
    expect(ownerPathFor(caller({ roles: ['admin'] }), 'grp-other')).toBe('grp-other');
    expect(() => ownerPathFor(caller({}), 'grp-acme')).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
  });
});
