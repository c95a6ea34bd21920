import { BlockList, isIP } from 'node:net';
import { PitrixError } from '@pitrix/errors';

/** Why an address is not fetched from by default. */
export type RefusedRange = 'loopback' | 'link-local' | 'private' | 'unspecified' | 'metadata';

// Cloud metadata services, named apart so the refusal says what they are (most also fall in a range below).
const METADATA = ['169.254.169.254', '169.254.170.2', '100.100.100.200', '192.0.0.192', 'fd00:ec2::254'];
const RANGES: ReadonlyArray<readonly [RefusedRange, string, number, 'ipv4' | 'ipv6']> = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['loopback', '::1', 128, 'ipv6'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['private', '100.64.0.0', 10, 'ipv4'],
  ['private', 'fc00::', 7, 'ipv6'],
];

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) is judged as the IPv4 address it carries. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? (mapped[1] as string) : address;
}

function familyOf(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

/**
 * The range that keeps an IP address from being fetched by default (loopback, link-local,
 * private, unspecified, a cloud metadata service), or undefined for a public address.
 */
export function refusedRangeOf(address: string): RefusedRange | undefined {
  const ip = unmapped(address);
  if (METADATA.includes(ip.toLowerCase())) return 'metadata';
  const family = familyOf(ip);
  for (const [range, net, prefix, type] of RANGES) {
    if (type !== family) continue;
    const list = new BlockList();
    list.addSubnet(net, prefix, type);
    if (list.check(ip, type)) return range;
  }
  return undefined;
}

interface AllowEntry {
  readonly text: string;
  /** A host name, matched against the URL's host; or undefined for an address entry. */
  readonly host?: string;
  /** Addresses an address or CIDR entry covers. */
  readonly addresses?: BlockList;
  readonly port?: number;
}

function parseEntry(text: string): AllowEntry {
  const bad = () => new PitrixError('CONFIG.INVALID', `PITRIX_FETCH_ALLOW: ${JSON.stringify(text)} is not host[:port], an IP address[:port] or a CIDR`, [{ path: 'PITRIX_FETCH_ALLOW', message: 'not host[:port] or CIDR', expected: 'e.g. 127.0.0.1, 10.0.0.0/8, repo.internal:8080, [::1]:9000', found: text }]);
  const cidr = /^([0-9a-f.:]+)\/(\d{1,3})$/i.exec(text);
  if (cidr) {
    const ip = cidr[1] as string;
    const prefix = Number(cidr[2]);
    if (!isIP(ip) || prefix > (isIP(ip) === 4 ? 32 : 128)) throw bad();
    const addresses = new BlockList();
    addresses.addSubnet(ip, prefix, familyOf(ip));
    return { text, addresses };
  }
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(text);
  const plain = /^([^:\s/[\]]+)(?::(\d{1,5}))?$/.exec(text);
  const match = bracketed ?? (isIP(text) === 6 ? [text, text] : plain);
  if (!match) throw bad();
  const host = (match[1] as string).toLowerCase();
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65535)) throw bad();
  if (!isIP(host)) return { text, host, port };
  const addresses = new BlockList();
  addresses.addAddress(host, familyOf(host));
  return { text, addresses, port };
}

/**
 * The destinations an administrator allows despite their range (`PITRIX_FETCH_ALLOW`): host names
 * (with an optional port), IP addresses (with an optional port) and CIDR blocks. A host-name
 * entry trusts whatever that name resolves to; an address or CIDR entry matches the resolved
 * address, whatever name led to it.
 */
export class FetchAllowList {
  private readonly entries: readonly AllowEntry[];

  /** Parses the entries; a malformed one is `CONFIG.INVALID` naming it. */
  constructor(entries: readonly string[] = []) {
    this.entries = entries.map((entry) => entry.trim()).filter((entry) => entry !== '').map(parseEntry);
  }

  /** Whether a request to `host:port` (URL host, brackets removed) that resolved to `address` is allowed. */
  allows(host: string, port: number, address?: string): boolean {
    const name = host.toLowerCase();
    return this.entries.some((entry) => {
      if (entry.port !== undefined && entry.port !== port) return false;
      if (entry.host !== undefined) return entry.host === name;
      const ip = unmapped(address ?? name);
      return isIP(ip) !== 0 && entry.addresses!.check(ip, familyOf(ip));
    });
  }

  /** Whether a URL host is named by an entry (an IP-literal host also by an address or CIDR entry). */
  allowsHost(host: string, port: number): boolean {
    return this.allows(host, port, isIP(host) ? host : undefined);
  }
}
