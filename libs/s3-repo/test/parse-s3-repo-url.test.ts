import { describe, expect, it } from 'vitest';
import { parseS3RepoUrl } from '../src/index.js';

describe('parseS3RepoUrl', () => {
  it.each([
    ['a bucket alone', 's3://pitrix-repo', { bucket: 'pitrix-repo', prefix: '' }],
    ['a bucket with a trailing slash', 's3://pitrix-repo/', { bucket: 'pitrix-repo', prefix: '' }],
    ['a one-segment prefix', 's3://pitrix-repo/stable', { bucket: 'pitrix-repo', prefix: 'stable/' }],
    ['a nested prefix with a trailing slash', 's3://my.bucket-1/apps/stable/', { bucket: 'my.bucket-1', prefix: 'apps/stable/' }],
  ])('accepts %s', (_name, url, expected) => {
    expect(parseS3RepoUrl(url, {})).toEqual(expected);
  });

  it('carries the endpoint and region it is given', () => {
    expect(parseS3RepoUrl('s3://repo/x', { endpoint: 'http://127.0.0.1:9310', region: 'eu-west-1' })).toEqual({
      bucket: 'repo',
      prefix: 'x/',
      endpoint: 'http://127.0.0.1:9310',
      region: 'eu-west-1',
    });
  });

  it.each([
    ['another scheme', 'https://pitrix-repo/stable'],
    ['no scheme', 'pitrix-repo/stable'],
    ['an empty bucket', 's3:///stable'],
    ['an upper-case bucket', 's3://Pitrix-Repo'],
    ['a too short bucket', 's3://ab'],
    ['a bucket with an underscore', 's3://pitrix_repo'],
    ['a bucket like an IP address', 's3://192.168.1.10'],
    ['a bucket with two dots in a row', 's3://a..b'],
    ['a bucket with a port', 's3://repo:9000/x'],
    ['a query', 's3://pitrix-repo/stable?versionId=1'],
    ['a fragment', 's3://pitrix-repo/stable#top'],
    ['a ".." segment', 's3://pitrix-repo/stable/../other'],
    ['a "." segment', 's3://pitrix-repo/./stable'],
    ['an empty segment', 's3://pitrix-repo/a//b'],
  ])('refuses %s with REPO.URL_INVALID naming the URL', (_name, url) => {
    let caught: unknown;
    try {
      parseS3RepoUrl(url, {});
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'REPO.URL_INVALID', problems: [{ path: 'url', found: url }] });
    expect((caught as Error).message).toContain(url);
    expect((caught as Error).message).toContain('s3://<bucket>');
  });

  it('refuses credentials in the URL without repeating them', () => {
    const url = 's3://AKIDEXAMPLE:wJalrXUtnFEMI@pitrix-repo/stable';
    let caught: unknown;
    try {
      parseS3RepoUrl(url, {});
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'REPO.URL_INVALID' });
    expect((caught as Error).message).toContain('s3://***@pitrix-repo/stable');
    expect(JSON.stringify({ message: (caught as Error).message, problems: (caught as { problems: unknown }).problems })).not.toContain('wJalrXUtnFEMI');
  });
});
