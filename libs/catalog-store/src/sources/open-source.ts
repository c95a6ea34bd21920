import { PitrixError } from '@pitrix/errors';
import { outboundFetchPolicy, type OutboundFetchPolicy } from '@pitrix/package-io';
import type { S3RepoUrlOptions } from '@pitrix/s3-repo';
import { FileRepoSource } from './file-source.js';
import { HttpRepoSource } from './http-source.js';
import type { RepoCredential, RepoSource } from './repo-source.js';
import { S3RepoSource } from './s3-source.js';

/** The URL schemes a repo may use. */
export const REPO_SCHEMES = ['file', 'http', 'https', 's3'] as const;

/** Parses a repo URL; anything but file, http(s) or s3 is `REPO.URL_INVALID` naming the field. */
export function parseRepoUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PitrixError('REPO.URL_INVALID', `${JSON.stringify(text)} is not a URL`, [{ path: 'url', message: 'not a URL', expected: 'file://, http(s):// or s3://', found: text }]);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!(REPO_SCHEMES as readonly string[]).includes(scheme)) {
    throw new PitrixError('REPO.URL_INVALID', `repos are file://, http(s):// or s3://, not ${scheme}://`, [{ path: 'url', message: 'unsupported scheme', expected: REPO_SCHEMES.join(' | '), found: text }]);
  }
  if (url.username || url.password) {
    throw new PitrixError('REPO.URL_INVALID', 'a repo URL must not carry a user or password; give a credential instead', [{ path: 'url', message: 'credentials in the URL', found: `${url.protocol}//***@${url.host}${url.pathname}` }]);
  }
  return url;
}

/**
 * How sources reach what their URL does not name: the S3 endpoint and region of the installation,
 * and the outbound fetch policy of http(s) repos (strict when absent: no private destinations).
 */
export interface RepoSourceOptions {
  readonly s3?: S3RepoUrlOptions;
  readonly fetch?: OutboundFetchPolicy;
}

/** Opens the source for a repo URL, chosen by scheme. */
export function openRepoSource(url: string, credential?: RepoCredential, options: RepoSourceOptions = {}): RepoSource {
  const parsed = parseRepoUrl(url);
  switch (parsed.protocol) {
    case 'file:':
      return new FileRepoSource(parsed);
    case 'http:':
    case 'https:':
      return new HttpRepoSource(parsed, credential, options.fetch ?? outboundFetchPolicy());
    default:
      return new S3RepoSource(url, credential, options.s3 ?? {});
  }
}
