import { PitrixError } from '@pitrix/errors';
import { checkS3Repo, listS3RepoFiles, parseS3RepoUrl, readS3RepoFile, writeS3RepoFile, type S3RepoLocation, type S3RepoUrlOptions } from '@pitrix/s3-repo';
import type { RepoCredential, RepoFile, RepoSource } from './repo-source.js';

/**
 * A repo in an S3 bucket (`s3://bucket/prefix`), on AWS or any S3-compatible server named by the
 * installation's S3 endpoint. Readable and writable; requests are signed with the repo's own
 * credential (`accessKeyId`, `secretAccessKey`) or sent unsigned for a public bucket.
 */
export class S3RepoSource implements RepoSource {
  readonly writable = true;
  private readonly location: S3RepoLocation;

  constructor(url: string, credential: RepoCredential | undefined, options: S3RepoUrlOptions) {
    const location = parseS3RepoUrl(url, options);
    this.location = credential ? { ...location, credentials: s3Credentials(credential) } : location;
  }

  check(): Promise<void> {
    return checkS3Repo(this.location);
  }

  async list(): Promise<RepoFile[]> {
    const files = await listS3RepoFiles(this.location);
    return files.map((file) => ({ path: file.path, size: file.size })).sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  read(path: string, maxBytes: number): Promise<Uint8Array> {
    return readS3RepoFile(this.location, path, maxBytes);
  }

  write(path: string, bytes: Uint8Array): Promise<void> {
    return writeS3RepoFile(this.location, path, bytes);
  }
}

/** The key pair of an S3 repo credential; anything else is refused naming the fields expected. */
function s3Credentials(credential: RepoCredential): { accessKeyId: string; secretAccessKey: string } {
  const { accessKeyId, secretAccessKey } = credential;
  if (!accessKeyId || !secretAccessKey) {
    throw new PitrixError('INPUT.INVALID', 'an s3:// repo credential is an access key pair', [
      { path: 'credential', message: 'accessKeyId and secretAccessKey are required', expected: '{ accessKeyId, secretAccessKey }', found: Object.keys(credential).join(', ') || 'nothing' },
    ]);
  }
  return { accessKeyId, secretAccessKey };
}
