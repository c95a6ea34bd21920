import { PitrixError } from '@pitrix/errors';

/**
 * Where an s3:// repository lives. `prefix` is empty or ends with `/`, so an object key is
 * always `prefix + path`. Without `endpoint` the AWS S3 endpoint of `region` is used.
 */
export interface S3RepoLocation {
  readonly bucket: string;
  readonly prefix: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** Where the S3 API is, for every repository parsed with these options (from `PITRIX_S3_*`). */
export interface S3RepoUrlOptions {
  readonly endpoint?: string;
  readonly region?: string;
}

const EXPECTED = 's3://<bucket>[/<prefix>], where <bucket> is 3 to 63 lowercase letters, digits, dots or hyphens, without credentials, query or fragment';
// S3 bucket naming rules: starts and ends with a letter or digit; no IP-address look-alikes.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Parses `s3://bucket/prefix` into a location (credentials are added by the caller from the
 * repository's credential). Anything else is `REPO.URL_INVALID`, naming the URL (with any
 * user info masked) and the expected form.
 */
export function parseS3RepoUrl(url: string, options: S3RepoUrlOptions = {}): S3RepoLocation {
  const shown = maskUserInfo(url);
  const invalid = (why: string) =>
    new PitrixError('REPO.URL_INVALID', `the repository URL ${JSON.stringify(shown)} is not valid: ${why}; expected ${EXPECTED}`, [
      { path: 'url', message: why, expected: EXPECTED, found: shown },
    ]);
  const match = /^s3:\/\/([^/?#]*)(\/[^?#]*)?$/.exec(url.trim());
  if (!match) throw invalid(url.includes('?') || url.includes('#') ? 'a query or fragment is not allowed' : 'the scheme must be s3://');
  const [, authority = '', path = ''] = match;
  if (authority.includes('@')) throw invalid('credentials do not belong in the URL; give them as the repository credential');
  if (!BUCKET_NAME.test(authority) || authority.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(authority)) {
    throw invalid(`${JSON.stringify(authority)} is not a valid bucket name`);
  }
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) throw invalid('the prefix must not contain "." or ".." segments');
  if (/\/\/./.test(path)) throw invalid('the prefix must not contain empty segments ("//")');
  return {
    bucket: authority,
    prefix: segments.length === 0 ? '' : `${segments.join('/')}/`,
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
  };
}

/** The location as a URL for messages: never carries credentials. */
export function describeLocation(location: S3RepoLocation): string {
  const at = location.endpoint ? ` at ${maskUserInfo(location.endpoint)}` : '';
  return `s3://${location.bucket}/${location.prefix}${at}`;
}

function maskUserInfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?#]*@/i, '$1***@');
}
