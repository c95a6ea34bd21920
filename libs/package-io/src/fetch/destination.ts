import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { PitrixError, type ErrorCode } from '@pitrix/errors';
import { refusedRangeOf, type FetchAllowList } from './address-policy.js';

/** An address a request may connect to, checked against the policy. */
export interface PinnedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** The URL's host without IPv6 brackets, and its port (the scheme's default when absent). */
export function hostAndPort(url: URL): { host: string; port: number } {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { host, port: url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80 };
}

/**
 * Resolves a URL's host (every address it has) and refuses it when any address is loopback,
 * link-local, private, unspecified or a metadata service and `allow` does not name the host or
 * the address: `REPO.DESTINATION_REFUSED`, before any connection. Returns the checked addresses
 * the connection is pinned to, so a second DNS answer cannot send it elsewhere (rebinding).
 */
export async function resolveDestination(url: URL, allow: FetchAllowList, unreachable: ErrorCode): Promise<PinnedAddress[]> {
  const { host, port } = hostAndPort(url);
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) as 4 | 6 }]
    : await lookup(host, { all: true, verbatim: true }).catch((err: NodeJS.ErrnoException) => {
        throw new PitrixError(unreachable, `cannot resolve ${host}: ${err.code ?? err.message}`);
      });
  for (const { address } of addresses) {
    const range = refusedRangeOf(address);
    if (range && !allow.allows(host, port, address)) {
      throw new PitrixError('REPO.DESTINATION_REFUSED', `${url.host} resolves to ${address}, a ${range} address; fetches there are refused unless PITRIX_FETCH_ALLOW names it`, [
        { path: 'url', message: `${range} address`, expected: 'a public address, or one PITRIX_FETCH_ALLOW names', found: `${url.host} (${address})` },
      ]);
    }
  }
  if (addresses.length === 0) throw new PitrixError(unreachable, `${host} has no address`);
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}
