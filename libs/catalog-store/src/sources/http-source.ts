import { PitrixError } from '@pitrix/errors';
import type { RepoCredential, RepoFile, RepoSource } from './repo-source.js';

/**
 * A repo served over http(s): read-only, and it cannot be listed, so it must have an index.yaml.
 * The credential is `{ username, password }` (basic) or `{ token }` (bearer).
 */
export class HttpRepoSource implements RepoSource {
  readonly writable = false;
  private readonly base: string;

  constructor(
    url: URL,
    private readonly credential?: RepoCredential,
    private readonly timeoutMs = 30_000,
  ) {
    this.base = url.toString().endsWith('/') ? url.toString() : `${url.toString()}/`;
  }

  async check(): Promise<void> {
    const response = await this.get('index.yaml', 'HEAD');
    if (response.status === 404) throw new PitrixError('REPO.NOT_FOUND', `${this.base} has no index.yaml`, [{ path: 'url', message: 'an http repo needs an index.yaml at its root', found: this.base }]);
    this.checkStatus(response, 'index.yaml');
  }

  async list(): Promise<RepoFile[] | undefined> {
    return undefined;
  }

  async read(path: string, maxBytes: number): Promise<Uint8Array> {
    const response = await this.get(path, 'GET');
    if (response.status === 404 || response.status === 410) throw new PitrixError('REPO.FILE_NOT_FOUND', `${path} is not in the repo`, [{ path: 'path', message: 'no such file', found: path }]);
    this.checkStatus(response, path);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > maxBytes) throw new PitrixError('PACKAGE.TOO_LARGE', `${path} is larger than ${maxBytes} bytes`, [{ path, message: 'file too large', expected: `<= ${maxBytes}`, found: bytes.length }]);
    return bytes;
  }

  async write(path: string): Promise<void> {
    throw new PitrixError('REPO.READ_ONLY', `http repos are read-only; ${path} cannot be written`);
  }

  private async get(path: string, method: 'GET' | 'HEAD'): Promise<Response> {
    const url = new URL(path, this.base).toString();
    try {
      return await fetch(url, { method, headers: this.headers(), signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause;
      throw new PitrixError('REPO.UNREACHABLE', `cannot reach ${this.base}: ${cause?.code ?? (err as Error).message}`);
    }
  }

  private checkStatus(response: Response, path: string): void {
    if (response.status === 401 || response.status === 403) throw new PitrixError('REPO.CREDENTIALS_REJECTED', `${this.base} refused the credential (HTTP ${response.status})`);
    if (!response.ok) throw new PitrixError('REPO.UNREACHABLE', `${this.base}${path}: HTTP ${response.status}`);
  }

  private headers(): Record<string, string> {
    const credential = this.credential;
    if (credential?.token) return { authorization: `Bearer ${credential.token}` };
    if (credential?.username !== undefined) return { authorization: `Basic ${Buffer.from(`${credential.username}:${credential.password ?? ''}`).toString('base64')}` };
    return {};
  }
}
