import { hasErrorCode } from '@pitrix/errors';
import { describe, expect, it } from 'vitest';
import { decideTransition, deriveAppStatus, isDigestPinned, VERSION_ACTIONS, VERSION_STATUSES, type CatalogRole, type VersionAction, type VersionStatus } from '../src/index.js';

/** The allowed transitions in a public repo, written out by hand: [action, from, to, role]. */
const PUBLIC_ALLOWED: ReadonlyArray<readonly [VersionAction, VersionStatus, VersionStatus, CatalogRole]> = [
  ['submit', 'draft', 'submitted', 'developer'],
  ['submit', 'rejected', 'submitted', 'developer'],
  ['cancel', 'submitted', 'draft', 'developer'],
  ['cancel', 'in-review', 'draft', 'developer'],
  ['cancel', 'passed', 'draft', 'developer'],
  ['startReview', 'submitted', 'in-review', 'reviewer'],
  ['pass', 'in-review', 'passed', 'reviewer'],
  ['reject', 'in-review', 'rejected', 'reviewer'],
  ['release', 'passed', 'active', 'developer'],
  ['suspend', 'active', 'suspended', 'admin'],
  ['recover', 'suspended', 'active', 'admin'],
  ['delete', 'draft', 'deleted', 'developer'],
  ['delete', 'passed', 'deleted', 'developer'],
  ['delete', 'rejected', 'deleted', 'developer'],
  ['delete', 'suspended', 'deleted', 'developer'],
];

/** In a private repo there is no review: submit passes at once, review steps do not exist. */
const PRIVATE_ALLOWED: ReadonlyArray<readonly [VersionAction, VersionStatus, VersionStatus, CatalogRole]> = [
  ...PUBLIC_ALLOWED.filter(([action]) => action !== 'startReview' && action !== 'pass' && action !== 'reject' && action !== 'submit'),
  ['submit', 'draft', 'passed', 'developer'],
  ['submit', 'rejected', 'passed', 'developer'],
];

const message = 'the icon is missing';
const key = (action: VersionAction, from: VersionStatus) => `${action}:${from}`;

function everyPair(): Array<[VersionAction, VersionStatus]> {
  return VERSION_ACTIONS.flatMap((action) => VERSION_STATUSES.map((from) => [action, from] as [VersionAction, VersionStatus]));
}

describe.each([
  ['public', PUBLIC_ALLOWED],
  ['private', PRIVATE_ALLOWED],
] as const)('version status machine in a %s repo', (visibility, allowed) => {
  const allowedKeys = new Set(allowed.map(([action, from]) => key(action, from)));

  it.each(allowed.map(([action, from, to, role]) => ({ name: `${action} ${from} → ${to} as ${role}`, action, from, to, role })))('allows $name', ({ action, from, to, role }) => {
    expect(decideTransition({ from, action, roles: [role], repoVisibility: visibility, message })).toEqual({ from, to, action, role });
    // An admin may do everything a role may.
    expect(decideTransition({ from, action, roles: ['admin'], repoVisibility: visibility, message }).to).toBe(to);
  });

  const forbidden = everyPair().filter(([action, from]) => !allowedKeys.has(key(action, from)));
  it.each(forbidden.map(([action, from]) => ({ name: `${action} from ${from}`, action, from })))('refuses $name with CATALOG.INVALID_TRANSITION', ({ action, from }) => {
    const error = (() => {
      try {
        return decideTransition({ from, action, roles: ['admin'], repoVisibility: visibility, message });
      } catch (err) {
        return err;
      }
    })();
    expect(hasErrorCode(error, 'CATALOG.INVALID_TRANSITION')).toBe(true);
  });

  it('covers every action from every status', () => {
    expect(allowed.length + forbidden.length).toBe(VERSION_ACTIONS.length * VERSION_STATUSES.length);
  });
});

describe('roles', () => {
  it.each([
    ['a user submits', 'submit', 'draft', ['user']],
    ['a reviewer submits', 'submit', 'draft', ['reviewer']],
    ['a developer starts a review', 'startReview', 'submitted', ['developer']],
    ['a developer passes', 'pass', 'in-review', ['developer']],
    ['a developer rejects', 'reject', 'in-review', ['developer']],
    ['a reviewer releases', 'release', 'passed', ['reviewer']],
    ['a developer suspends', 'suspend', 'active', ['developer']],
    ['a reviewer recovers', 'recover', 'suspended', ['reviewer']],
    ['a user deletes', 'delete', 'draft', ['user']],
  ] as const)('%s: AUTH.FORBIDDEN', (_name, action, from, roles) => {
    expect(() => decideTransition({ from, action, roles, repoVisibility: 'public', message })).toThrow(expect.objectContaining({ code: 'AUTH.FORBIDDEN' }));
  });

  it('a rejection without a message is INPUT.INVALID', () => {
    expect(() => decideTransition({ from: 'in-review', action: 'reject', roles: ['reviewer'], repoVisibility: 'public', message: '  ' })).toThrow(
      expect.objectContaining({ code: 'INPUT.INVALID' }),
    );
  });
});

describe('app status derived from versions', () => {
  it.each([
    ['no versions', [], 'deleted'],
    ['one active among others', ['draft', 'active', 'suspended'], 'active'],
    ['only drafts in the pipeline', ['draft', 'rejected', 'passed', 'submitted', 'in-review'], 'draft'],
    ['suspended and deleted', ['suspended', 'deleted'], 'suspended'],
    ['suspended and a draft', ['suspended', 'draft'], 'draft'],
    ['only deleted', ['deleted', 'deleted'], 'deleted'],
  ] as const)('%s → %s', (_name, statuses, expected) => {
    expect(deriveAppStatus(statuses)).toBe(expected);
  });
});

describe('digest pinned by status (an index run never replaces the bytes)', () => {
  const cases: ReadonlyArray<readonly [VersionStatus, boolean]> = [
    ['draft', false],
    ['submitted', false],
    ['in-review', true],
    ['passed', true],
    ['active', true],
    ['rejected', false],
    ['suspended', true],
    ['deleted', true],
  ];

  it.each(cases)('%s → pinned: %s', (status, pinned) => {
    expect(isDigestPinned(status)).toBe(pinned);
  });

  it('covers every status', () => {
    expect(cases.map(([status]) => status).sort()).toEqual([...VERSION_STATUSES].sort());
  });
});
