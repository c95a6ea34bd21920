import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectNoSeriousA11yViolations } from './stack/axe.js';
import { signIn } from './stack/sign-in.js';
import { stackInfo } from './stack/stack-info.js';

const GATED = resolve(dirname(fileURLToPath(import.meta.url)), '../../api/test/testdata/packages/gated-init');

/** Signs the request context in as the admin, who alone may create a cluster from a package folder. */
async function adminApi(request: APIRequestContext): Promise<<T>(query: string, variables: Record<string, unknown>, allowErrors?: boolean) => Promise<T | undefined>> {
  const stack = stackInfo();
  const login = await request.post(`${stack.baseUrl}/auth/login`, { data: { login: stack.users.admin.login, password: stack.users.admin.password } });
  expect(login.ok(), await login.text()).toBe(true);
  return async <T,>(query: string, variables: Record<string, unknown>, allowErrors = false) => {
    const response = await request.post(`${stack.baseUrl}/graphql`, { data: { query, variables } });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (allowErrors && body.errors) return undefined;
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data;
  };
}

const CREATE = `mutation($input: CreateClusterInput!) { createCluster(input: $input) { jobId clusterId } }`;
const STATUS = `query($id: ID!) { cluster(id: $id) { status transitionStatus } }`;

async function createGated(request: APIRequestContext, name: string, env: Record<string, unknown> = {}) {
  const api = await adminApi(request);
  const created = await api<{ createCluster: { jobId: string; clusterId: string } }>(CREATE, {
    input: { packageUrl: GATED, runtimeId: stackInfo().runtimeId, values: { cluster: { name, node: { count: 1 } }, env } },
  });
  if (!created) throw new Error('createCluster answered no data');
  return { ...created.createCluster, api };
}

async function expectDagSucceeded(page: Page) {
  await expect(page.getByTestId('job-status').getByText('successful')).toBeVisible({ timeout: 180_000 });
  const tasks = page.locator('[data-testid^="dag-task-"]');
  await expect(tasks.first()).toBeVisible();
  await expect(page.locator('[data-testid^="dag-task-"]:not([data-status="successful"]):not([data-status="skipped"])')).toHaveCount(0);
}

test.describe('clusters and jobs', () => {
  test('the list filters, the cluster page shows nodes and events, stop shows its plan and its job reaches successful live', async ({ page, request }) => {
    const stack = stackInfo();
    const name = `e2e-clusters-${Date.now().toString(36)}`;
    const { clusterId, api } = await createGated(request, name);
    // The cluster's row appears once its job's workflow records it: until then the query answers CLUSTER.NOT_FOUND.
    await expect
      .poll(async () => (await api<{ cluster: { status: string; transitionStatus: string } }>(STATUS, { id: clusterId }, true))?.cluster, { timeout: 180_000, intervals: [1_000] })
      .toEqual({ status: 'active', transitionStatus: '' });

    await signIn(page, stack.baseUrl, stack.users.admin, '/clusters');
    await page.getByLabel('Search').fill(name);
    const row = page.getByTestId(`cluster-row-${clusterId}`);
    await expect(row).toBeVisible();
    await expect(row.locator('[data-status="active"]')).toBeVisible();
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'stopped', exact: true }).click();
    await expect(page.getByTestId('empty-state')).toBeVisible();
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'active', exact: true }).click();
    await expect(row).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the clusters list');

    await row.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByTestId('nodes-table').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('cluster-event').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the cluster page');

    // An operation with arguments: its plan follows the form.
    await page.getByRole('button', { name: 'Scale out', exact: true }).click();
    const scaleOut = page.getByRole('dialog');
    await expect(scaleOut.getByTestId('plan-preview').locator('[data-testid^="dag-task-"]').first()).toBeVisible();
    await expect(scaleOut.getByTestId('plan-preview')).toContainText('addNodes');
    await expectNoSeriousA11yViolations(page, 'the scale-out confirmation');
    await scaleOut.getByRole('button', { name: 'Cancel' }).click();
    await expect(scaleOut).toBeHidden();

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const modal = page.getByRole('dialog');
    await expect(modal.getByTestId('plan-preview').locator('[data-testid^="dag-task-"]').first()).toBeVisible();
    await modal.getByRole('button', { name: 'Confirm stop' }).click();
    await expect(page).toHaveURL(/\/jobs\/[^/]+$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Job stop' })).toBeVisible();
    await expectDagSucceeded(page);
    await expect(page.getByRole('link', { name: 'Workflow in the Temporal UI' })).toHaveAttribute('href', /.+/);
    await expectNoSeriousA11yViolations(page, 'the job page');

    await page.getByRole('link', { name: clusterId }).click();
    await expect(page.getByTestId('cluster-status').locator('[data-status="stopped"]')).toBeVisible();
  });

  test('a failed hook shows its error and output tail on the job page; after fixing the cause, Retry reaches successful', async ({ page, request }) => {
    const stack = stackInfo();
    const folder = join(tmpdir(), `pitrix-e2e-marker-${Date.now().toString(36)}`);
    const marker = join(folder, 'marker');
    rmSync(folder, { recursive: true, force: true });
    const { jobId } = await createGated(request, `e2e-retry-${Date.now().toString(36)}`, { marker });

    await signIn(page, stack.baseUrl, stack.users.admin, `/jobs/${jobId}`);
    await expect(page.getByTestId('job-status').getByText('failed')).toBeVisible({ timeout: 180_000 });
    const details = page.getByTestId('task-details');
    await expect(details.getByTestId('task-error')).toContainText('exit code 3');
    await expect(details).toContainText(`init: marker ${marker} is missing`);
    await expect(page.locator('[data-testid^="dag-task-"][data-status="failed"]').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the failed job page');

    mkdirSync(folder, { recursive: true });
    writeFileSync(marker, 'present\n');
    try {
      await page.getByRole('button', { name: 'Retry' }).click();
      await expectDagSucceeded(page);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
