import { startApiHarness, type ApiHarness, type TestUser } from '@pitrix/e2e-harness';
import { indexPackageFolder, sha256Hex, writeRepoIndexFile } from '@pitrix/package-io';
import { loadPackageConfig } from '@pitrix/config';
import { INDEX_REPO_WORKFLOW_TYPE, indexRepoWorkflowId } from '@pitrix/workflow-contract';
import { encodeText } from '@pitrix/package';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';
import { archiveOf, loadExamples, repoFolder, withVersion, type ExamplePackage } from './support/catalog-repo.js';

const LIMITS = loadPackageConfig({}).package;
const REPO_FIELDS = 'id name url visibility providers labels { key value } selectors { key value } appDefaultStatus categories authenticated indexIntervalSeconds status owner';
const EVENT_FIELDS = 'id repoId trigger status error added updated removed unchanged failures { name version path code reason } createdAt finishedAt';
const VERSION_FIELDS = 'id appId repoId name version status message source digest deploymentCount';
const SECRET = 'catalog-secret-value-4711';

interface RepoView { id: string; name: string; authenticated: boolean }
interface EventView { id: string; trigger: string; status: string; error: string | null; added: number; updated: number; removed: number; unchanged: number; failures: Array<{ name: string; code: string; reason: string; path: string }> }
interface VersionView { id: string; appId: string; name: string; version: string; status: string; message: string | null; source: string }

describe('the catalog over GraphQL, indexed by the worker', () => {
  let api: ApiHarness;
  /**
   * A developer of group bobs. file:// repos and public ones need an admin, so the admin creates
   * bob's repos for the group (groupId): as a member, bob works on them as on his own.
   */
  let bob: TestUser;
  /** A reviewer. */
  let carol: TestUser;
  let adminId: string;
  let examples: ExamplePackage[];
  const folders: string[] = [];
  const folderOf = (list: readonly ExamplePackage[]) => {
    const made = repoFolder(list);
    folders.push(made);
    return made;
  };
  const ok = async <T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> => {
    const body = await api.graphql<T>(query, variables, headers);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  const createRepo = async (input: Record<string, unknown>, headers: Record<string, string> = {}) =>
    (await ok<{ createRepo: RepoView }>(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { ${REPO_FIELDS} } }`, { input: { providers: ['local'], ...input } }, headers)).createRepo;
  const events = async (repoId: string) =>
    (await ok<{ repoEvents: { edges: Array<{ node: EventView }> } }>(`query($repoId: String) { repoEvents(filter: { repoId: $repoId }, page: { first: 100 }) { edges { node { ${EVENT_FIELDS} } } } }`, { repoId })).repoEvents.edges.map((e) => e.node);
  const finished = async (repoId: string, eventId?: string, timeoutMs = 60_000): Promise<EventView> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = await events(repoId);
      const event = eventId ? list.find((e) => e.id === eventId) : list[0];
      if (event && (event.status === 'successful' || event.status === 'failed')) return event;
      if (Date.now() > deadline) throw new Error(`no finished event for ${repoId}: ${JSON.stringify(list)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const indexRepo = async (id: string, headers: Record<string, string> = {}) => (await ok<{ indexRepo: EventView }>(`mutation($id: ID!) { indexRepo(id: $id) { ${EVENT_FIELDS} } }`, { id }, headers)).indexRepo;
  const versionsOf = async (repoId: string, headers: Record<string, string> = {}) =>
    (await ok<{ appVersions: { edges: Array<{ node: VersionView }> } }>(`query($repoId: String) { appVersions(filter: { repoId: $repoId }, page: { first: 200 }, sort: { field: "name" }) { edges { node { ${VERSION_FIELDS} } } } }`, { repoId }, headers)).appVersions.edges.map((e) => e.node);

  beforeAll(async () => {
    api = await startApiHarness('api_catalog', { startApi, apiUrl });
    examples = await loadExamples();
    bob = await api.userWithToken('bob', ['developer'], { group: 'bobs' });
    carol = await api.userWithToken('carol', ['reviewer']);
    adminId = (await api.accounts.userByLogin('admin'))!.id;
  });
  afterAll(async () => {
    await api.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('indexes a repo of the example packages on create; a re-index with no change adds nothing', async () => {
    const folder = folderOf(examples);
    const repo = await createRepo({ name: 'examples', url: pathToFileURL(folder).toString(), credential: { token: SECRET } });
    expect(repo.authenticated).toBe(true);
    const first = await finished(repo.id);
    expect(first).toMatchObject({ trigger: 'create', status: 'successful', added: examples.length, updated: 0, removed: 0, failures: [] });
    const apps = await ok<{ apps: { totalCount: number; edges: Array<{ node: { name: string; status: string; latestVersion: string } }> } }>(
      `query($repoId: String) { apps(filter: { repoId: $repoId }) { totalCount edges { node { name status latestVersion } } } }`, { repoId: repo.id });
    expect(apps.apps.edges.map((e) => e.node.name)).toEqual(examples.map((e) => e.metadata.name).sort());
    expect(apps.apps.edges.every((e) => e.node.status === 'active')).toBe(true);

    const started = Date.now();
    const again = await indexRepo(repo.id);
    expect(again.trigger).toBe('manual');
    const second = await finished(repo.id, again.id);
    expect(second).toMatchObject({ status: 'successful', added: 0, updated: 0, removed: 0, unchanged: examples.length });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a changed package becomes a new version; app metadata follows the newest; a removed one goes', async () => {
    const folder = folderOf(examples.slice(0, 1));
    const repo = await createRepo({ name: 'changing', url: pathToFileURL(folder).toString() });
    await finished(repo.id);
    const next = archiveOf(withVersion(examples[0]!, '1.1.0'));
    writeFileSync(join(folder, next.fileName), next.bytes);
    const run = await finished(repo.id, (await indexRepo(repo.id)).id);
    expect(run).toMatchObject({ status: 'successful', added: 1, unchanged: 1, removed: 0 });
    const app = (await ok<{ apps: { edges: Array<{ node: { latestVersion: string; description: string } }> } }>(`query($repoId: String) { apps(filter: { repoId: $repoId }) { edges { node { latestVersion description } } } }`, { repoId: repo.id })).apps.edges[0]!.node;
    expect(app.latestVersion).toBe('1.1.0');
    expect(app.description).toContain('(1.1.0)');
    rmSync(join(folder, next.fileName));
    expect(await finished(repo.id, (await indexRepo(repo.id)).id)).toMatchObject({ added: 0, removed: 1, unchanged: 1 });
    expect((await versionsOf(repo.id)).map((v) => v.version)).toEqual([examples[0]!.metadata.version]);
  });

  it('corrupted packages (bad digest, bad archive) fail alone with their reason; the rest of the run applies', async () => {
    const folder = folderOf(examples);
    await writeRepoIndexFile(folder, (await indexPackageFolder(folder, { limits: LIMITS })).yaml);
    const [first, second] = examples;
    writeFileSync(join(folder, archiveOf(first!).fileName), archiveOf(withVersion(first!, first!.metadata.version)).bytes);
    const garbage = Buffer.from('not a gzip archive');
    writeFileSync(join(folder, archiveOf(second!).fileName), garbage);
    const index = readFileSync(join(folder, 'index.yaml'), 'utf8');
    writeFileSync(join(folder, 'index.yaml'), index.replace(sha256Hex(archiveOf(second!).bytes), sha256Hex(garbage)));
    const repo = await createRepo({ name: 'corrupted', url: pathToFileURL(folder).toString() });
    const run = await finished(repo.id);
    expect(run).toMatchObject({ status: 'successful', added: examples.length - 2 });
    expect(run.failures.map((f) => [f.name, f.code]).sort()).toEqual([[first!.metadata.name, 'CATALOG.DIGEST_MISMATCH'], [second!.metadata.name, 'PACKAGE.INVALID']].sort());
    expect(run.failures.every((f) => f.reason.length > 0)).toBe(true);
    expect((await versionsOf(repo.id)).map((v) => v.name).sort()).toEqual(examples.slice(2).map((e) => e.metadata.name).sort());
  });

  it('a repo that cannot be read fails its run with the reason and changes nothing', async () => {
    const folder = folderOf(examples.slice(0, 1));
    const repo = await createRepo({ name: 'breaking', url: pathToFileURL(folder).toString() });
    await finished(repo.id);
    const before = await versionsOf(repo.id);
    writeFileSync(join(folder, 'index.yaml'), 'api_version: v1\nentries: [broken\n');
    const run = await finished(repo.id, (await indexRepo(repo.id)).id);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^PACKAGE\.INDEX_INVALID: /);
    expect(await versionsOf(repo.id)).toEqual(before);
  });

  it('two index requests at once give one run', async () => {
    const repo = await createRepo({ name: 'concurrent', url: pathToFileURL(folderOf(examples)).toString() });
    await finished(repo.id);
    const before = (await events(repo.id)).length;
    const [a, b] = await Promise.all([indexRepo(repo.id), indexRepo(repo.id)]);
    expect(a.id).toBe(b.id);
    await finished(repo.id, a.id);
    expect((await events(repo.id)).length).toBe(before + 1);
  });

  it("an index request made while the repo's previous workflow is still closing runs once that one closed", async () => {
    const repo = await createRepo({ name: 'closing', url: pathToFileURL(folderOf(examples.slice(0, 1))).toString() });
    await finished(repo.id);
    // The create's own workflow may still be closing after its event finished: let it close first.
    await api.env.client.workflow.getHandle(indexRepoWorkflowId(repo.id)).result();
    // The repo's workflow, still running after its event finished: held on a queue no worker polls.
    const closing = await api.env.client.workflow.start(INDEX_REPO_WORKFLOW_TYPE, { taskQueue: `nobody-polls-${repo.id}`, workflowId: indexRepoWorkflowId(repo.id), args: [{ repoId: repo.id, trigger: 'manual' }] });
    const requested = indexRepo(repo.id);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await closing.terminate('the previous run closes');
    const event = await requested;
    expect(await finished(repo.id, event.id)).toMatchObject({ status: 'successful', added: 0, unchanged: 1 });
  });

  it('the Schedule triggers runs on the repo interval', async () => {
    const repo = await createRepo({ name: 'scheduled', url: pathToFileURL(folderOf(examples.slice(0, 1))).toString(), indexIntervalSeconds: 2 });
    const deadline = Date.now() + 60_000;
    let scheduled: EventView | undefined;
    while (!scheduled && Date.now() < deadline) {
      scheduled = (await events(repo.id)).find((e) => e.trigger === 'schedule' && e.status === 'successful');
      if (!scheduled) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(scheduled).toMatchObject({ status: 'successful' });
    const schedule = await api.env.client.schedule.getHandle(`catalog-index-schedule-${repo.id}`).describe();
    expect(schedule.policies.overlap).toBe('SKIP');
    await ok(`mutation($id: ID!) { deleteRepo(id: $id) { id } }`, { id: repo.id });
    await expect(api.env.client.schedule.getHandle(`catalog-index-schedule-${repo.id}`).describe()).rejects.toThrow();
  });

  it.each([
    ['a URL of an unknown scheme', { url: 'ftp://example.com/repo' }, 'REPO.URL_INVALID'],
    ['a folder that does not exist', { url: 'file:///nonexistent/pitrix/repo' }, 'REPO.NOT_FOUND'],
    ['an s3 URL whose bucket name S3 would refuse', { url: 's3://Not_A_Bucket/apps' }, 'REPO.URL_INVALID'],
    ['an unreachable http server', { url: 'http://127.0.0.1:9/repo' }, 'REPO.UNREACHABLE'],
    ['a bad selector', { url: 'file:///tmp', selectors: [{ key: 'Env', value: 'x' }] }, 'INPUT.INVALID'],
    ['an unknown category', { url: 'file:///tmp', categories: ['ctg-abcdefghjk'] }, 'CATALOG.CATEGORY_NOT_FOUND'],
  ])('refuses %s with its code and creates nothing', async (_name, input, code) => {
    const count = async () => (await ok<{ repos: { totalCount: number } }>('{ repos { totalCount } }')).repos.totalCount;
    const before = await count();
    const body = await api.graphql(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { id } }`, { input: { name: 'refused', providers: ['local'], ...input } });
    expect(body.errors?.[0]?.extensions?.code).toBe(code);
    expect(await count()).toBe(before);
  });

  it('validateRepo reports the reason without storing anything', async () => {
    const body = await ok<{ validateRepo: { valid: boolean; reason: string | null } }>(`mutation { validateRepo(url: "file:///nonexistent/x") { valid reason message } }`);
    expect(body.validateRepo).toMatchObject({ valid: false, reason: 'REPO.NOT_FOUND' });
  });

  it('the review life of a version in a public repo, audited; roles enforced', async () => {
    const folder = folderOf(examples.slice(0, 1));
    // A developer may not make a file:// repo, nor a public one: the admin makes it for bob's group.
    const refused = await api.graphql(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { id } }`, { input: { name: 'bobs-public', providers: ['local'], url: pathToFileURL(folder).toString(), visibility: 'public' } }, bob.headers);
    expect(refused.errors?.[0]?.extensions?.code).toBe('AUTH.FORBIDDEN');
    const repo = await createRepo({ name: 'bobs-public', url: pathToFileURL(folder).toString(), visibility: 'public', appDefaultStatus: 'draft', groupId: 'grp-bobs' });
    await finished(repo.id);
    const [version] = await versionsOf(repo.id, bob.headers);
    expect(version!.status).toBe('draft');
    const act = (mutation: string, headers: Record<string, string>, extra = '') => api.graphql<Record<string, VersionView>>(`mutation($id: ID!) { ${mutation}(id: $id${extra}) { ${VERSION_FIELDS} } }`, { id: version!.id }, headers);
    expect((await act('submitVersion', bob.headers)).data!.submitVersion!.status).toBe('submitted');
    expect((await act('releaseVersion', bob.headers)).errors?.[0]?.extensions?.code).toBe('CATALOG.INVALID_TRANSITION');
    expect((await act('reviewVersion', bob.headers)).errors?.[0]?.extensions?.code).toBe('AUTH.FORBIDDEN');
    expect((await act('reviewVersion', carol.headers)).data!.reviewVersion!.status).toBe('in-review');
    expect((await act('rejectVersion', carol.headers, ', message: ""')).errors?.[0]?.extensions?.code).toBe('INPUT.INVALID');
    expect((await act('rejectVersion', carol.headers, ', message: "icon missing"')).data!.rejectVersion).toMatchObject({ status: 'rejected', message: 'icon missing' });
    await act('submitVersion', bob.headers);
    await act('reviewVersion', carol.headers);
    await act('passVersion', carol.headers);
    expect((await act('releaseVersion', bob.headers)).data!.releaseVersion!.status).toBe('active');
    expect((await act('suspendVersion', bob.headers)).errors?.[0]?.extensions?.code).toBe('AUTH.FORBIDDEN');
    expect((await act('suspendVersion', {})).data!.suspendVersion!.status).toBe('suspended');
    const app = await ok<{ app: { status: string } }>(`query($id: ID!) { app(id: $id) { status } }`, { id: version!.appId });
    expect(app.app.status).toBe('suspended');
    expect((await act('recoverVersion', {})).data!.recoverVersion!.status).toBe('active');
    const audits = await ok<{ audits: { edges: Array<{ node: { action: string; actor: string; role: string; fromStatus: string | null; toStatus: string; message: string | null } }> } }>(
      `query($id: String) { audits(filter: { versionId: $id }) { edges { node { action actor role fromStatus toStatus message } } } }`, { id: version!.id }, bob.headers);
    expect(audits.audits.edges.map((e) => [e.node.action, e.node.actor, e.node.toStatus])).toEqual([
      ['index', 'system:indexer', 'draft'],
      ['submit', bob.userId, 'submitted'],
      ['startReview', carol.userId, 'in-review'],
      ['reject', carol.userId, 'rejected'],
      ['submit', bob.userId, 'submitted'],
      ['startReview', carol.userId, 'in-review'],
      ['pass', carol.userId, 'passed'],
      ['release', bob.userId, 'active'],
      ['suspend', adminId, 'suspended'],
      ['recover', adminId, 'active'],
    ]);
    expect(audits.audits.edges[3]!.node.message).toBe('icon missing');
  });

  it('uploads a package into a file repo as a draft, written into the folder; indexing keeps it', async () => {
    const folder = folderOf(examples.slice(0, 1));
    // A file:// repo needs an admin: the admin makes it for bob's group, bob uploads into it.
    const repo = await createRepo({ name: 'uploads', url: pathToFileURL(folder).toString(), groupId: 'grp-bobs' });
    await finished(repo.id);
    const upload = archiveOf(withVersion(examples[0]!, '2.0.0'));
    const created = await ok<{ uploadPackage: VersionView }>(`mutation($input: UploadPackageInput!) { uploadPackage(input: $input) { ${VERSION_FIELDS} } }`, { input: { repoId: repo.id, archiveBase64: Buffer.from(upload.bytes).toString('base64') } }, bob.headers);
    expect(created.uploadPackage).toMatchObject({ version: '2.0.0', status: 'draft', source: 'upload' });
    expect(existsSync(join(folder, upload.fileName))).toBe(true);
    const again = await api.graphql(`mutation($input: UploadPackageInput!) { uploadPackage(input: $input) { id } }`, { input: { repoId: repo.id, archiveBase64: Buffer.from(upload.bytes).toString('base64') } }, bob.headers);
    expect(again.errors?.[0]?.extensions?.code).toBe('CATALOG.VERSION_EXISTS');
    const bad = await api.graphql(`mutation($input: UploadPackageInput!) { uploadPackage(input: $input) { id } }`, { input: { repoId: repo.id, archiveBase64: Buffer.from('garbage').toString('base64') } }, bob.headers);
    expect(bad.errors?.[0]?.extensions?.code).toBe('PACKAGE.INVALID');
    const run = await finished(repo.id, (await indexRepo(repo.id, bob.headers)).id);
    expect(run).toMatchObject({ added: 0, removed: 0, unchanged: 2 });
    expect((await versionsOf(repo.id, bob.headers)).find((v) => v.version === '2.0.0')).toMatchObject({ status: 'draft', source: 'upload' });

    // An archive of a few hundred kilobytes (a package with files/ content) fits the request body.
    const large = withVersion(examples[0]!, '2.1.0');
    const fillers = [1, 2, 3].map((n) => ({ ...large.files[0]!, path: `files/filler-${n}.txt`, bytes: encodeText(randomBytes(128 * 1024).toString('base64')) }));
    const largeUpload = archiveOf({ ...large, files: [...large.files, ...fillers] });
    expect(largeUpload.bytes.length).toBeGreaterThan(256 * 1024);
    const uploadedLarge = await ok<{ uploadPackage: VersionView }>(`mutation($input: UploadPackageInput!) { uploadPackage(input: $input) { ${VERSION_FIELDS} } }`, { input: { repoId: repo.id, archiveBase64: Buffer.from(largeUpload.bytes).toString('base64') } }, bob.headers);
    expect(uploadedLarge.uploadPackage).toMatchObject({ version: '2.1.0', status: 'draft' });
  });

  it("shows a version's files, default blueprint and config form; lists eligible runtimes", async () => {
    const repo = await createRepo({ name: 'deployable', url: pathToFileURL(folderOf(examples.slice(0, 1))).toString(), providers: ['local'], selectors: [{ key: 'env', value: 'prod' }, { key: 'env', value: 'staging' }] });
    await finished(repo.id);
    const [version] = await versionsOf(repo.id);
    const view = await ok<{ appVersionPackage: { files: Array<{ path: string; text: string | null }>; blueprint: { nodes?: unknown[] }; configForm: { sections: Array<{ key: string; widget: string }> } } }>(
      `query($id: ID!) { appVersionPackage(id: $id) { files { path size mode text } blueprint configForm } }`, { id: version!.id });
    expect(view.appVersionPackage.files.map((f) => f.path)).toContain('package.json');
    expect(view.appVersionPackage.blueprint.nodes?.length).toBeGreaterThan(0);
    expect(view.appVersionPackage.configForm.sections[0]).toMatchObject({ key: 'cluster', widget: 'section' });
    const runtime = (labels: Array<{ key: string; value: string }>, name: string) => ok<{ createRuntime: { id: string } }>(`mutation($input: CreateRuntimeInput!) { createRuntime(input: $input) { id } }`, { input: { name, provider: 'local', zone: 'local', labels } });
    const prod = (await runtime([{ key: 'env', value: 'prod' }], 'rt-prod')).createRuntime.id;
    const staging = (await runtime([{ key: 'env', value: 'staging' }, { key: 'tier', value: 'x' }], 'rt-staging')).createRuntime.id;
    await runtime([{ key: 'env', value: 'dev' }], 'rt-dev');
    const eligible = await ok<{ eligibleRuntimes: Array<{ id: string }> }>(`query($id: ID!) { eligibleRuntimes(appVersionId: $id) { id name provider zone } }`, { id: version!.id });
    expect(eligible.eligibleRuntimes.map((r) => r.id).sort()).toEqual([prod, staging].sort());
    const missing = await api.graphql(`{ appVersionPackage(id: "appv-abcdefghjk") { versionId } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe('CATALOG.VERSION_NOT_FOUND');
  });

  it('lists with filters, search, sort and cursor pages', async () => {
    const query = `query($after: String) { apps(filter: { search: "store" }, page: { first: 1, after: $after }, sort: { field: "createdAt", descending: true }) { totalCount edges { node { id name } } pageInfo { hasNextPage endCursor } } }`;
    type Page = { apps: { totalCount: number; edges: Array<{ node: { id: string; name: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const seen: string[] = [];
    let after: string | undefined;
    let total = 0;
    do {
      const page: Page = await ok<Page>(query, { after });
      total = page.apps.totalCount;
      seen.push(...page.apps.edges.map((e) => e.node.id));
      after = page.apps.pageInfo.hasNextPage ? page.apps.pageInfo.endCursor : undefined;
    } while (after);
    expect(total).toBeGreaterThan(1);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    const badSort = await api.graphql(`{ apps(sort: { field: "colour" }) { totalCount } }`);
    expect(badSort.errors?.[0]?.extensions?.code).toBe('INPUT.INVALID');
  });

  it('an app list page follows writes: at once after a mutation, within a second after a commit by another process', async () => {
    const repo = await createRepo({ name: 'listed', url: pathToFileURL(folderOf(examples.slice(0, 1))).toString() });
    await finished(repo.id);
    type Page = { apps: { totalCount: number; edges: Array<{ node: { id: string; description: string } }> } };
    const list = () => ok<Page>(`query($repoId: String) { apps(filter: { repoId: $repoId }) { totalCount edges { node { id description } } } }`, { repoId: repo.id });
    const before = await list();
    expect(before.apps.totalCount).toBe(1);
    expect(await list()).toEqual(before);

    // The worker's indexer writes through its own connection: committed elsewhere.
    const committed = Date.now();
    await api.db.dataSource.query(`UPDATE catalog.apps SET description = 'changed by another process' WHERE repo_id = $1`, [repo.id]);
    let seen = await list();
    while (seen.apps.edges[0]!.node.description !== 'changed by another process' && Date.now() - committed < 5_000) seen = await list();
    expect(seen.apps.edges[0]!.node.description).toBe('changed by another process');
    expect(Date.now() - committed).toBeLessThan(1_500);

    await ok(`mutation($id: ID!) { deleteRepo(id: $id) { id } }`, { id: repo.id });
    expect((await list()).apps).toEqual({ totalCount: 0, edges: [] });
  });

  it('a repeated app-list query is answered from its stored response, per caller, never with errors or other fields', async () => {
    const repo = await createRepo({ name: 'responses', url: pathToFileURL(folderOf(examples.slice(0, 2))).toString(), visibility: 'private' });
    await finished(repo.id);
    const admin = { authorization: `Bearer ${api.adminToken}` };
    const send = async (query: string, variables: Record<string, unknown>, headers: Record<string, string> = admin, url = api.url) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return { cache: response.headers.get('x-pitrix-cache'), body: (await response.json()) as { data?: { apps?: { totalCount: number } }; errors?: unknown[] } };
    };
    const list = `query($repoId: String) { apps(filter: { repoId: $repoId }) { totalCount edges { node { id name } } } }`;
    const first = await send(list, { repoId: repo.id });
    expect(first).toMatchObject({ cache: null, body: { data: { apps: { totalCount: 2 } } } });
    const again = await send(list, { repoId: repo.id });
    expect(again).toEqual({ ...first, cache: 'hit' });

    // Another caller has its own entry: Bob sees nothing of the admin's private repo.
    expect(await send(list, { repoId: repo.id }, bob.headers)).toMatchObject({ cache: null, body: { data: { apps: { totalCount: 0 } } } });
    expect(await send(list, { repoId: repo.id }, bob.headers)).toMatchObject({ cache: 'hit', body: { data: { apps: { totalCount: 0 } } } });

    // Requests for one page at once: one executes, the others wait for its answer.
    const firstOfEach = `query($repoId: String) { apps(filter: { repoId: $repoId }, page: { first: 1 }) { totalCount edges { node { id } } } }`;
    const together = await Promise.all(Array.from({ length: 20 }, () => send(firstOfEach, { repoId: repo.id })));
    expect(together.filter((answer) => answer.cache !== 'hit')).toHaveLength(1);
    expect(new Set(together.map((answer) => JSON.stringify(answer.body))).size).toBe(1);

    // A body that is not JSON is refused as such.
    const malformed = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...admin }, body: '{"query": "{ apps { totalCount } }"' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('BAD_REQUEST');

    // Errors, other root fields and mutations are always executed.
    const badSort = `{ apps(sort: { field: "colour" }) { totalCount } }`;
    await send(badSort, {});
    expect((await send(badSort, {})).cache).toBeNull();
    const mixed = `query($repoId: String) { apps(filter: { repoId: $repoId }) { totalCount } repos { totalCount } }`;
    await send(mixed, { repoId: repo.id });
    expect((await send(mixed, { repoId: repo.id })).cache).toBeNull();

    // A catalog write drops every stored response.
    await ok(`mutation($id: ID!, $input: UpdateRepoInput!) { updateRepo(id: $id, input: $input) { id } }`, { id: repo.id, input: { description: 'touched' } });
    expect((await send(list, { repoId: repo.id })).cache).toBeNull();

    // Turned off by configuration, every query runs.
    const uncached = await startApi({ ...api.config, api: { ...api.config.api, port: 0, appListCache: false } });
    try {
      const url = `${await apiUrl(uncached)}/graphql`;
      await send(list, { repoId: repo.id }, admin, url);
      expect(await send(list, { repoId: repo.id }, admin, url)).toEqual({ ...first, cache: null });
    } finally {
      await uncached.close();
    }
    await ok(`mutation($id: ID!) { deleteRepo(id: $id) { id } }`, { id: repo.id });
  });

  it('categories: admins manage them, repos reference them', async () => {
    const created = await ok<{ createCategory: { id: string } }>(`mutation { createCategory(input: { name: "databases", description: "Data stores" }) { id name } }`);
    const forbidden = await api.graphql(`mutation { createCategory(input: { name: "other" }) { id } }`, {}, bob.headers);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('AUTH.FORBIDDEN');
    const duplicate = await api.graphql(`mutation { createCategory(input: { name: "databases" }) { id } }`);
    expect(duplicate.errors?.[0]?.extensions?.code).toBe('CATALOG.CATEGORY_NAME_TAKEN');
    const repo = await createRepo({ name: 'categorised', url: pathToFileURL(folderOf(examples.slice(0, 1))).toString(), categories: [created.createCategory.id] });
    await finished(repo.id);
    const apps = await ok<{ apps: { edges: Array<{ node: { categories: string[] } }> } }>(`query($c: String) { apps(filter: { category: $c }) { edges { node { categories } } } }`, { c: created.createCategory.id });
    expect(apps.apps.edges).toHaveLength(1);
    const list = await ok<{ categories: { totalCount: number } }>(`{ categories { totalCount edges { node { id name } } } }`);
    expect(list.categories.totalCount).toBe(1);
  });

  it('no GraphQL field can return a repo credential', async () => {
    type Schema = { __schema: { types: Array<{ name: string; kind: string; fields: Array<{ name: string; type: { name: string | null; ofType: { name: string | null; ofType: { name: string | null } | null } | null } }> | null }> } };
    // Introspection is served by a development installation only: ask one on the same database.
    const dev = await startApi({ ...api.config, api: { ...api.config.api, port: 0 }, auth: { ...api.config.auth, devMode: true } });
    let schema: Schema;
    try {
      const response = await fetch(`${await apiUrl(dev)}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${api.adminToken}` },
        body: JSON.stringify({ query: '{ __schema { types { name kind fields { name type { name ofType { name ofType { name } } } } } } }' }),
      });
      const body = (await response.json()) as { data?: Schema; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      schema = body.data!;
    } finally {
      await dev.close();
    }
    const types = schema.__schema.types.filter((t) => t.kind === 'OBJECT' && !t.name.startsWith('__'));
    // Every object type reachable from Repo: none may have a field named like a credential.
    const byName = new Map(types.map((t) => [t.name, t]));
    const reachable = new Set<string>();
    const walk = (name: string) => {
      const type = byName.get(name);
      if (!type || reachable.has(name)) return;
      reachable.add(name);
      for (const field of type.fields ?? []) walk(field.type.name ?? field.type.ofType?.name ?? field.type.ofType?.ofType?.name ?? '');
    };
    for (const name of ['Repo', 'RepoConnection', 'RepoEvent', 'RepoValidation']) walk(name);
    expect(reachable.has('Repo')).toBe(true);
    const suspicious = [...reachable].flatMap((name) => (byName.get(name)!.fields ?? []).map((f) => `${name}.${f.name}`)).filter((f) => /credential|secret|password|accesskey|token|sealed/i.test(f));
    expect(suspicious).toEqual([]);

    // Query everything a client can ask about repos and the catalog: the secret never comes back.
    const everything = await Promise.all([
      api.graphql(`{ repos(page: { first: 200 }) { edges { node { ${REPO_FIELDS} description lastIndexedAt createdAt updatedAt } } } }`),
      api.graphql(`{ repoEvents(page: { first: 200 }) { edges { node { ${EVENT_FIELDS} } } } }`),
      api.graphql(`{ apps(page: { first: 200 }) { edges { node { id name description home icon keywords sources maintainers { name email url } } } } }`),
      api.graphql(`{ appVersions(page: { first: 200 }) { edges { node { ${VERSION_FIELDS} packagePath description } } } }`),
      api.graphql(`{ audits(page: { first: 200 }) { edges { node { id message actor } } } }`),
      api.graphql(`mutation { validateRepo(url: "file:///nonexistent", credential: { token: "${SECRET}" }) { valid reason message } }`),
    ]);
    for (const body of everything) expect(body.errors).toBeUndefined();
    expect(JSON.stringify(everything)).not.toContain(SECRET);
    const rows = await api.db.dataSource.query('SELECT * FROM catalog.repos');
    expect(JSON.stringify(rows)).not.toContain(SECRET);
  });
});
