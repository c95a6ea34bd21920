import { startApiHarness, type ApiHarness, type TestUser } from '@pitrix/e2e-harness';
import { parseS3RepoUrl, writeS3RepoFile } from '@pitrix/s3-repo';
import { startTestS3Server, type TestS3Server } from '@pitrix/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';
import { archiveOf, loadExamples, withVersion, type ExamplePackage } from './support/catalog-repo.js';


interface EventView { id: string; status: string; error: string | null; added: number; unchanged: number }
interface VersionView { id: string; name: string; version: string; status: string; source: string }

describe('an s3:// repo on a real S3-compatible server, through GraphQL and the indexer', () => {
  let s3: TestS3Server;
  let api: ApiHarness;
  /** A developer: s3:// repos, unlike file:// ones, need no admin. */
  let dana: TestUser;
  let examples: ExamplePackage[];
  const responses: string[] = [];

  const call = async <T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = dana.headers) => {
    const body = await api.graphql<T>(query, variables, headers);
    responses.push(JSON.stringify(body));
    return body;
  };
  const ok = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const body = await call<T>(query, variables);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  const upload = (repoId: string, bytes: Uint8Array) =>
    ok<{ uploadPackage: VersionView }>(`mutation($input: UploadPackageInput!) { uploadPackage(input: $input) { id name version status source } }`, {
      input: { repoId, archiveBase64: Buffer.from(bytes).toString('base64') },
    });
  const finished = async (repoId: string, eventId: string): Promise<EventView> => {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
      const list = await ok<{ repoEvents: { edges: Array<{ node: EventView }> } }>(
        `query($repoId: String) { repoEvents(filter: { repoId: $repoId }, page: { first: 50 }) { edges { node { id status error added unchanged } } } }`,
        { repoId },
      );
      const event = list.repoEvents.edges.map((edge) => edge.node).find((node) => node.id === eventId);
      if (event && (event.status === 'successful' || event.status === 'failed')) return event;
    }
    throw new Error(`index run ${eventId} did not finish`);
  };

  /** Waits until no run of the repo is pending or working (an index request during a run joins that run). */
  const idle = async (repoId: string): Promise<void> => {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
      const list = await ok<{ repoEvents: { edges: Array<{ node: EventView }> } }>(
        `query($repoId: String) { repoEvents(filter: { repoId: $repoId }, page: { first: 50 }) { edges { node { id status error added unchanged } } } }`,
        { repoId },
      );
      if (list.repoEvents.edges.every((edge) => edge.node.status === 'successful' || edge.node.status === 'failed')) return;
    }
    throw new Error(`runs of ${repoId} did not finish`);
  };

  beforeAll(async () => {
    s3 = await startTestS3Server({ buckets: ['pitrix-apps'] });
    api = await startApiHarness('api_catalog_s3', { startApi, apiUrl }, { env: { PITRIX_S3_ENDPOINT: s3.endpoint } });
    dana = await api.userWithToken('dana', ['developer']);
    examples = await loadExamples();
  });
  afterAll(async () => {
    await api?.close();
    await s3?.stop();
  });

  it('refuses an s3 repo whose key the server rejects, or whose bucket is missing, and stores nothing', async () => {
    // An admin gets the reason; a developer only the generic REPO.UNREACHABLE (see docs/catalog.md).
    const asAdmin: Record<string, string> = {};
    const create = (input: Record<string, unknown>, headers?: Record<string, string>) => call(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { id } }`, { input }, headers);
    const wrongSecret = { name: 'wrong', providers: ['local'], url: 's3://pitrix-apps/', credential: { accessKeyId: s3.accessKeyId, secretAccessKey: 'not-the-secret-000' } };
    const noBucket = { name: 'nobucket', providers: ['local'], url: 's3://missing-bucket/', credential: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } };
    expect((await create(wrongSecret, asAdmin)).errors?.[0]?.extensions?.code).toBe('REPO.CREDENTIALS_REJECTED');
    expect((await create(noBucket, asAdmin)).errors?.[0]?.extensions?.code).toBe('REPO.NOT_FOUND');
    expect((await create(wrongSecret)).errors?.[0]?.extensions?.code).toBe('REPO.UNREACHABLE');
    expect((await create(noBucket)).errors?.[0]?.extensions?.code).toBe('REPO.UNREACHABLE');
    expect((await ok<{ repos: { totalCount: number } }>('{ repos { totalCount } }')).repos.totalCount).toBe(0);
  });

  it('takes uploads into the bucket as drafts and indexes them from the bucket; the key never comes back', async () => {
    const created = await ok<{ createRepo: { id: string; url: string; authenticated: boolean } }>(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { id url authenticated } }`, {
      input: { name: 'bucket', providers: ['local'], url: 's3://pitrix-apps/catalog/', credential: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } },
    });
    const repo = created.createRepo;
    expect(repo).toMatchObject({ url: 's3://pitrix-apps/catalog/', authenticated: true });

    const first = examples[0]!;
    const versions = [await upload(repo.id, archiveOf(withVersion(first, '1.0.0')).bytes), await upload(repo.id, archiveOf(withVersion(first, '1.1.0')).bytes)].map((body) => body.uploadPackage);
    expect(versions.map((version) => [version.version, version.status, version.source])).toEqual([
      ['1.0.0', 'draft', 'upload'],
      ['1.1.0', 'draft', 'upload'],
    ]);

    // A package put into the bucket by other means is found by the next run.
    await idle(repo.id);
    const pushed = archiveOf(withVersion(first, '2.0.0'));
    const location = { ...parseS3RepoUrl(repo.url, { endpoint: s3.endpoint, region: 'us-east-1' }), credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } };
    await writeS3RepoFile(location, pushed.fileName, pushed.bytes);
    const run = await ok<{ indexRepo: { id: string } }>(`mutation($id: ID!) { indexRepo(id: $id) { id } }`, { id: repo.id });
    expect(await finished(repo.id, run.indexRepo.id)).toMatchObject({ status: 'successful', error: null, added: 1, unchanged: 2 });
    const listed = await ok<{ appVersions: { edges: Array<{ node: VersionView }> } }>(
      `query($repoId: String) { appVersions(filter: { repoId: $repoId }, page: { first: 10 }) { edges { node { id name version status source } } } }`,
      { repoId: repo.id },
    );
    expect(listed.appVersions.edges.map((edge) => edge.node.version).sort()).toEqual(['1.0.0', '1.1.0', '2.0.0']);
    expect(responses.join('\n')).not.toContain(s3.secretAccessKey);
  });
});
