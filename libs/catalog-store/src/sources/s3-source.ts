import { PitrixError } from '@pitrix/errors';
import type { RepoSource } from './repo-source.js';

/**
 * Placeholder for `s3://` repos until the S3 source (on `@pitrix/s3-repo`) lands: every call is
 * `REPO.SCHEME_UNSUPPORTED`, so an s3 repo is refused at create with a clear reason.
 */
export class UnsupportedS3RepoSource implements RepoSource {
  readonly writable = false;

  constructor(private readonly url: URL) {}

  async check(): Promise<void> {
    throw this.unsupported();
  }

  async list(): Promise<undefined> {
    throw this.unsupported();
  }

  async read(): Promise<Uint8Array> {
    throw this.unsupported();
  }

  async write(): Promise<void> {
    throw this.unsupported();
  }

  private unsupported(): PitrixError {
    return new PitrixError('REPO.SCHEME_UNSUPPORTED', `s3 repos are not supported by this installation yet (${this.url.host})`, [
      { path: 'url', message: 'use a file:// or http(s):// URL', found: this.url.toString() },
    ]);
  }
}
