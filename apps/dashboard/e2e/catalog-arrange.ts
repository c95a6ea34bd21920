import { loadPackageConfig } from '@pitrix/config';
import { encodeText, readPackageMetadata } from '@pitrix/package';
import { buildPackageArchive, loadPackageFromDirectory } from '@pitrix/package-io';
import { request, type APIRequestContext } from '@playwright/test';
import type { StackInfo, StackUser } from './stack/stack-info.js';

/** A tiny SVG as a data: URL: the dashboard's CSP allows data: images, and the test needs no network. */
const PICTURE = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#1c7ed6"/></svg>').toString('base64')}`;

/** Markdown that would run a script if the README were not sanitised. */
export const HOSTILE_README = '\n\n## Safety\n\n<script>window.__readmeScript = true</script>\n\n<img src="x" alt="trap" onerror="window.__readmeScript = true">\n';

/** A session of one stack user against the API, signed in as the dashboard signs in. */
export async function apiSession(stack: StackInfo, user: StackUser): Promise<{ call: <T>(query: string, variables?: Record<string, unknown>) => Promise<T>; close: () => Promise<void> }> {
  const context: APIRequestContext = await request.newContext({ baseURL: stack.baseUrl });
  const login = await context.post('/auth/login', { data: { login: user.login, password: user.password } });
  if (!login.ok()) throw new Error(`${user.login} could not sign in: ${login.status()} ${await login.text()}`);
  return {
    call: async <T>(query: string, variables: Record<string, unknown> = {}) => {
      const response = await context.post('/graphql', { data: { query, variables } });
      const body = (await response.json()) as { data?: T; errors?: unknown[] };
      if (!body.data || body.errors) throw new Error(`${user.login}: ${JSON.stringify(body.errors)}`);
      return body.data;
    },
    close: () => context.dispose(),
  };
}

/** The kv-store example under another name, with an icon, a screenshot and a README that tries to run a script. */
async function kvStoreArchive(stack: StackInfo, name: string): Promise<string> {
  const files = await loadPackageFromDirectory(stack.kvStorePackage, loadPackageConfig({}).package);
  const original = readPackageMetadata(files.find((file) => file.path === 'package.json')!.bytes).metadata!;
  const metadata = { ...original, name, icon: PICTURE, screenshots: [PICTURE], home: 'https://example.org/kv', sources: ['https://example.org/kv/src'] };
  const changed = files.map((file) => {
    if (file.path === 'package.json') return { ...file, bytes: encodeText(JSON.stringify(metadata)) };
    if (file.path === 'README.md') return { ...file, bytes: encodeText(Buffer.from(file.bytes).toString('utf8') + HOSTILE_README) };
    return file;
  });
  return Buffer.from(buildPackageArchive(changed, metadata).bytes).toString('base64');
}

/**
 * A released app of its own for this spec: a category (admin), a private s3 repo of the e2e group
 * filed under it (developer), the package uploaded, submitted (a private repo passes at once) and released.
 */
export async function arrangeReleasedApp(stack: StackInfo, suffix: string): Promise<{ name: string; appId: string; versionId: string; categoryName: string }> {
  const admin = await apiSession(stack, stack.users.admin);
  const developer = await apiSession(stack, stack.users.developer);
  try {
    const categoryName = `Stores ${suffix}`;
    const category = await admin.call<{ createCategory: { id: string } }>(`mutation($input: CategoryInput!) { createCategory(input: $input) { id } }`, { input: { name: categoryName, description: 'key-value stores' } });
    const repo = await developer.call<{ createRepo: { id: string } }>(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { id } }`, {
      input: {
        name: `catalog-${suffix}`,
        url: `${stack.s3.url}catalog-${suffix}/`,
        credential: { accessKeyId: stack.s3.accessKeyId, secretAccessKey: stack.s3.secretAccessKey },
        providers: ['local'],
        groupId: 'grp-e2e',
        categories: [category.createCategory.id],
      },
    });
    const name = `kvcat-${suffix}`;
    const uploaded = await developer.call<{ uploadPackage: { id: string; appId: string } }>(`mutation($input: UploadPackageInput!) { uploadPackage(input: $input) { id appId } }`, {
      input: { repoId: repo.createRepo.id, archiveBase64: await kvStoreArchive(stack, name) },
    });
    const versionId = uploaded.uploadPackage.id;
    await developer.call(`mutation($id: ID!) { submitVersion(id: $id) { status } }`, { id: versionId });
    const released = await developer.call<{ releaseVersion: { status: string } }>(`mutation($id: ID!) { releaseVersion(id: $id) { status } }`, { id: versionId });
    if (released.releaseVersion.status !== 'active') throw new Error(`the version is ${released.releaseVersion.status}, not active`);
    return { name, appId: uploaded.uploadPackage.appId, versionId, categoryName };
  } finally {
    await admin.close();
    await developer.close();
  }
}

/**
 * Leaves the shared runtime as this spec found it: waits for the create job to end (whatever its
 * outcome), then deletes its cluster and waits for that job too.
 */
export async function removeDeployedCluster(stack: StackInfo, jobId: string): Promise<void> {
  const admin = await apiSession(stack, stack.users.admin);
  const finished = async (id: string) => {
    for (let attempt = 0; attempt < 180; attempt += 1) {
      const { job } = await admin.call<{ job: { status: string; clusterId: string } }>(`query($id: ID!) { job(id: $id) { status clusterId } }`, { id });
      if (['successful', 'failed', 'cancelled'].includes(job.status)) return job;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new Error(`job ${id} did not finish in 3 minutes`);
  };
  try {
    const created = await finished(jobId);
    const deleted = await admin.call<{ deleteCluster: { jobId: string } }>(`mutation($id: ID!) { deleteCluster(id: $id, force: true) { jobId } }`, { id: created.clusterId });
    await finished(deleted.deleteCluster.jobId);
  } finally {
    await admin.close();
  }
}
