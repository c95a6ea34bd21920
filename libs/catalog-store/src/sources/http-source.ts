import { PitrixError } from '@pitrix/errors';
import { guardedFetch, type GuardedResponse, type OutboundFetchPolicy } from '@pitrix/package-io';
import { MAX_INDEX_BYTES } from '../indexer/candidates.js';
import type { RepoCredential, RepoFile, RepoSource } from './repo-source.js';

/**
 * A repo served over http(s): read-only, and it cannot be listed, so it must have an index.yaml.
 * The credential is `{ username, password }` (basic) or `{ token }` (bearer). Every request goes
 * through the guarded fetcher (destination policy, no cross-origin redirects, size cap, timeout),
 * so the credential is only ever sent to the repo's own scheme, host and port.
 */
export class HttpRepoSource implements RepoSource {
  readonly writable = false;
  private readonly base: string;

  constructor(
    url: URL,
    private readonly credential: RepoCredential | undefined,
    private readonly policy: OutboundFetchPolicy,
  ) {
    this.base = url.toString().endsWith('/') ? url.toString() : `${url.toString()}/`;
  }

  async check(): Promise<void> {
    const response = await this.get('index.yaml', 'HEAD', MAX_INDEX_BYTES);
    if (response.status === 404) throw new PitrixError('REPO.NOT_FOUND', `${this.base} has no index.yaml`, [{ path: 'url', message: 'an http repo needs an index.yaml at its root', found: this.base }]);
    this.checkStatus(response, 'index.yaml');
  }

  async list(): Promise<RepoFile[] | undefined> {
    return undefined;
  }

  async read(path: string, maxBytes: number): Promise<Uint8Array> {
    const response = await this.get(path, 'GET', maxBytes);
    if (response.status === 404 || response.status === 410) throw new PitrixError('REPO.FILE_NOT_FOUND', `${path} is not in the repo`, [{ path: 'path', message: 'no such file', found: path }]);
    this.checkStatus(response, path);
    return response.body;
  }

  async write(path: string): Promise<void> {
    throw new PitrixError('REPO.READ_ONLY', `http repos are read-only; ${path} cannot be written`);
  }

  private get(path: string, method: 'GET' | 'HEAD', maxBytes: number): Promise<GuardedResponse> {
    const url = new URL(path, this.base);
    // A path from an index such as `//elsewhere/x.tgz` resolves to another host: never send the credential there.
    if (url.origin !== new URL(this.base).origin) {
      return Promise.reject(new PitrixError('REPO.DESTINATION_REFUSED', `${path} leads to ${url.host}, outside the repo ${new URL(this.base).host}`, [{ path: 'path', message: 'outside the repo', expected: new URL(this.base).origin, found: path }]));
    }
    const kind = path === 'index.yaml' ? 'index' : 'archive';
    return guardedFetch(url, { method, headers: this.headers(), maxBytes, kind }, this.policy);
  }

  private checkStatus(response: GuardedResponse, path: string): void {
    if (response.status === 401 || response.status === 403) throw new PitrixError('REPO.CREDENTIALS_REJECTED', `${this.base} refused the credential (HTTP ${response.status})`);
    if (response.status < 200 || response.status >= 300) throw new PitrixError('REPO.UNREACHABLE', `${this.base}${path}: HTTP ${response.status}`);
  }

  private headers(): Record<string, string> {
    const credential = this.credential;
    if (credential?.token) return { authorization: `Bearer ${credential.token}` };
    if (credential?.username !== undefined) return { authorization: `Basic ${Buffer.from(`${credential.username}:${credential.password ?? ''}`).toString('base64')}` };
    return {};
  }
}
