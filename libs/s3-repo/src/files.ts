import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { PitrixError } from '@pitrix/errors';
import { withS3Client } from './client.js';
import { toRepoError } from './errors.js';
import { describeLocation, type S3RepoLocation } from './location.js';
import { checkRepoPath } from './repo-path.js';

/** One object of a repository: its path relative to the prefix, size in bytes and ETag (unquoted). */
export interface S3RepoFile {
  readonly path: string;
  readonly size: number;
  readonly etag?: string;
}

/**
 * Lists every object under the repository's prefix, following continuation tokens across pages.
 * Folder markers (keys ending in `/`) are not files and are left out. Errors as `checkS3Repo`.
 */
export async function listS3RepoFiles(location: S3RepoLocation): Promise<S3RepoFile[]> {
  return withS3Client(location, async (client) => {
    const files: S3RepoFile[] = [];
    let token: string | undefined;
    do {
      const page: ListObjectsV2CommandOutput = await client
        .send(new ListObjectsV2Command({ Bucket: location.bucket, Prefix: location.prefix, ContinuationToken: token }))
        .catch((err: unknown) => {
          throw toRepoError(err, { location, action: 'list' });
        });
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key.endsWith('/') || !object.Key.startsWith(location.prefix)) continue;
        const etag = object.ETag?.replace(/^"|"$/g, '');
        files.push({ path: object.Key.slice(location.prefix.length), size: object.Size ?? 0, ...(etag ? { etag } : {}) });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return files;
  });
}

/**
 * Reads one file, refusing it with `PACKAGE.TOO_LARGE` as soon as it is known to exceed
 * `maxBytes` (from its length, or while streaming). A missing object is `REPO.FILE_NOT_FOUND`.
 */
export async function readS3RepoFile(location: S3RepoLocation, path: string, maxBytes: number): Promise<Uint8Array> {
  checkRepoPath(path);
  const context = { location, action: `read ${path} from`, path };
  return withS3Client(location, async (client) => {
    const object = await client.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.prefix + path })).catch((err: unknown) => {
      throw toRepoError(err, context);
    });
    const body = object.Body as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
    if (object.ContentLength !== undefined && object.ContentLength > maxBytes) {
      body?.destroy?.();
      throw tooLarge(location, path, maxBytes, object.ContentLength);
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    try {
      for await (const chunk of body ?? []) {
        total += chunk.length;
        if (total > maxBytes) {
          body?.destroy?.();
          throw tooLarge(location, path, maxBytes, total);
        }
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof PitrixError) throw err;
      throw toRepoError(err, context);
    }
    return concat(chunks, total);
  });
}

/**
 * Writes (or replaces) one file; writing the same bytes twice leaves the same object, so a
 * retried upload is harmless.
 */
export async function writeS3RepoFile(location: S3RepoLocation, path: string, bytes: Uint8Array): Promise<void> {
  checkRepoPath(path);
  await withS3Client(location, async (client) => {
    await client
      .send(new PutObjectCommand({ Bucket: location.bucket, Key: location.prefix + path, Body: bytes, ContentLength: bytes.length }))
      .catch((err: unknown) => {
        throw toRepoError(err, { location, action: `write ${path} to`, path });
      });
  });
}

function tooLarge(location: S3RepoLocation, path: string, maxBytes: number, found: number): PitrixError {
  return new PitrixError('PACKAGE.TOO_LARGE', `${path} in ${describeLocation(location)} is larger than ${maxBytes} bytes`, [
    { path, code: 'limit.file_bytes', message: 'the file is too large', expected: `<= ${maxBytes}`, found },
  ]);
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
