import { hasErrorCode } from '@pitrix/errors';
import { describe, expect, it } from 'vitest';
import { FetchAllowList, refusedRangeOf } from '../src/index.js';

describe('the destination policy', () => {
  it.each([
    ['IPv4 loopback', '127.0.0.1', 'loopback'],
    ['another IPv4 loopback', '127.8.9.10', 'loopback'],
    ['IPv6 loopback', '::1', 'loopback'],
    ['the AWS metadata service', '169.254.169.254', 'metadata'],
    ['the AWS IPv6 metadata service', 'fd00:ec2::254', 'metadata'],
    ['IPv4 link-local', '169.254.10.1', 'link-local'],
    ['IPv6 link-local', 'fe80::1', 'link-local'],
    ['10/8', '10.0.0.1', 'private'],
    ['172.16/12', '172.31.255.1', 'private'],
    ['192.168/16', '192.168.1.1', 'private'],
    ['IPv6 unique local', 'fd12:3456::1', 'private'],
    ['the unspecified IPv4 address', '0.0.0.0', 'unspecified'],
    ['the unspecified IPv6 address', '::', 'unspecified'],
    ['an IPv4-mapped loopback', '::ffff:127.0.0.1', 'loopback'],
    ['an IPv4-mapped private address', '::ffff:10.1.2.3', 'private'],
    ['a public IPv4 address', '93.184.216.34', undefined],
    ['172.32 (outside 172.16/12)', '172.32.0.1', undefined],
    ['a public IPv6 address', '2606:4700::1111', undefined],
  ])('%s (%s) is %s', (_name, address, range) => {
    expect(refusedRangeOf(address)).toBe(range);
  });

  it.each([
    ['an address entry allows that address on any port', ['127.0.0.1'], '127.0.0.1', 5432, '127.0.0.1', true],
    ['an address entry does not allow another address', ['127.0.0.1'], '127.0.0.2', 80, '127.0.0.2', false],
    ['a CIDR entry allows an address inside', ['10.0.0.0/8'], 'repo.internal', 443, '10.20.30.40', true],
    ['a CIDR entry does not allow an address outside', ['10.0.0.0/8'], '169.254.169.254', 80, '169.254.169.254', false],
    ['an address:port entry allows only that port', ['127.0.0.1:9000'], '127.0.0.1', 9000, '127.0.0.1', true],
    ['an address:port entry refuses another port', ['127.0.0.1:9000'], '127.0.0.1', 5432, '127.0.0.1', false],
    ['a host entry allows the host by name', ['repo.internal'], 'repo.internal', 80, '10.0.0.7', true],
    ['a host entry does not allow another name for the same address', ['repo.internal'], 'other.internal', 80, '10.0.0.7', false],
    ['a host:port entry refuses another port', ['repo.internal:8080'], 'repo.internal', 80, '10.0.0.7', false],
    ['a bracketed IPv6 entry with a port', ['[::1]:9000'], '::1', 9000, '::1', true],
    ['a bare IPv6 entry', ['::1'], '::1', 80, '::1', true],
    ['no entries allow nothing', [], '127.0.0.1', 80, '127.0.0.1', false],
  ])('%s', (_name, entries, host, port, address, allowed) => {
    expect(new FetchAllowList(entries).allows(host, port, address)).toBe(allowed);
  });

  it.each([['a word with a slash', 'repo/x'], ['a CIDR with a bad prefix', '10.0.0.0/33'], ['a port out of range', 'repo:70000']])('refuses %s as CONFIG.INVALID', (_name, entry) => {
    let error: unknown;
    try {
      new FetchAllowList([entry]);
    } catch (err) {
      error = err;
    }
    expect(hasErrorCode(error, 'CONFIG.INVALID')).toBe(true);
  });
});
