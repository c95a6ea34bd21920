export { parseS3RepoUrl } from './location.js';
export type { S3RepoLocation, S3RepoUrlOptions } from './location.js';
export { checkS3Repo } from './check.js';
export { listS3RepoFiles, readS3RepoFile, writeS3RepoFile } from './files.js';
export type { S3RepoFile } from './files.js';
