import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectNoSeriousA11yViolations } from './stack/axe.js';
import { signIn } from './stack/sign-in.js';
import { callApi, stackInfo } from './stack/stack-info.js';

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

  test('a monitored cluster shows its health roll-up, keeps changed healing settings, its links, monitor items and alarm rules', async ({ page }) => {
    const stack = stackInfo();
    const name = `e2e-day2-${Date.now().toString(36)}`;
    // One primary, no replica: the smallest cluster whose package declares monitor items and alarms.
    const { createCluster } = await callApi<{ createCluster: { clusterId: string } }>(stack, stack.adminToken, CREATE, {
      input: { packageUrl: stack.kvStorePackage, runtimeId: stack.runtimeId, values: { cluster: { name, replica: { count: 0 } } } },
    });
    const clusterId = createCluster.clusterId;
    try {
      await expect
        .poll(async () => (await callApi<{ cluster: { status: string; transitionStatus: string } }>(stack, stack.adminToken, STATUS, { id: clusterId }).catch(() => undefined))?.cluster, {
          timeout: 180_000,
          intervals: [1_000],
        })
        .toEqual({ status: 'active', transitionStatus: '' });

      await signIn(page, stack.baseUrl, stack.users.admin, `/clusters/${clusterId}`);
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      // The drone's health reports roll up to healthy (the page re-reads health every 10 s).
      const health = page.getByTestId('cluster-health');
      await expect(health.locator('[data-status="healthy"]')).toBeVisible({ timeout: 60_000 });
      await expect(health).toContainText('1 healthy · 0 unhealthy · 0 unknown');
      await expect(page.getByTestId('nodes-table').locator('tbody tr').first()).toContainText('since');

      // Healing: on after 60 s by default; a new grace period is stored, and shown after a reload.
      const healing = page.getByTestId('healing-settings');
      await expect(healing.getByTestId('healing-summary')).toHaveText('On: a node down for 60 s is healed');
      await healing.getByRole('button', { name: 'Edit healing' }).click();
      await healing.getByLabel('Grace seconds').fill('95');
      await expectNoSeriousA11yViolations(page, 'the healing form');
      await healing.getByRole('button', { name: 'Save healing' }).click();
      await expect(healing.getByTestId('healing-summary')).toHaveText('On: a node down for 95 s is healed');
      await page.reload();
      await expect(page.getByTestId('healing-summary')).toHaveText('On: a node down for 95 s is healed');
      // Its event reads as words on the timeline.
      const healingSet = page.locator('[data-event-type="ClusterHealingSet"]').first();
      await expect(healingSet).toContainText('Cluster healing set');
      await expect(healingSet).toContainText('healing on after 95 s · by admin');

      // A kv-store links to nothing and nothing links to it (linking needs a second, linked package).
      await expect(page.getByTestId('cluster-links')).toContainText('This cluster links to no other cluster.');
      await expect(page.getByTestId('cluster-linked-by')).toContainText('No live cluster links to this one.');

      // Monitor: the keys item, rolled up and for the node, with its statistics type (the drone reports every 10 s).
      const keys = page.getByTestId('monitor-item-keys');
      await expect(keys).toBeVisible({ timeout: 90_000 });
      await expect(keys.locator('caption')).toContainText('latest per minute');
      await expect(keys.getByTestId('monitor-rollup')).toContainText('All nodes');
      await expect(keys.locator('[data-testid^="monitor-node-"]')).toHaveCount(1);
      await expect(keys.getByTestId('monitor-rollup').getByTestId('sparkline')).toBeVisible({ timeout: 60_000 });
      await expect(page.getByTestId('monitor-item-used_memory_mb').locator('caption')).toContainText('in MiB, max per minute');

      // Alarms: an item the package does not offer is refused with the API's message, an offered one is added, then removed.
      const form = page.getByRole('form', { name: 'Add an alarm' });
      await expect(page.getByTestId('no-alarms')).toBeVisible();
      await form.getByLabel('Item').fill('uptime');
      await form.getByLabel('Threshold').fill('1');
      await form.getByRole('button', { name: 'Add alarm' }).click();
      const refusal = form.getByRole('alert');
      await expect(refusal).toHaveAttribute('data-error-code', 'CLUSTER.ALARM_ITEM_NOT_ALLOWED');
      await expect(refusal).toContainText('allowed: connected_clients, keys, replicas, used_memory_mb');
      await expect(page.getByTestId('no-alarms')).toBeVisible();

      await form.getByLabel('Item').fill('keys');
      await form.getByLabel('Threshold').fill('1000');
      await form.getByRole('button', { name: 'Add alarm' }).click();
      const rules = page.getByTestId('alarms-table');
      await expect(rules.locator('tbody tr')).toHaveCount(1);
      await expect(rules.locator('tbody tr')).toContainText('keys > 1000');
      await expect(form.getByRole('alert')).toHaveCount(0);
      await expectNoSeriousA11yViolations(page, 'the cluster page with its day-2 sections');
      await page.reload();
      await expect(page.getByTestId('alarms-table').locator('tbody tr')).toContainText('keys > 1000');
      await page.getByRole('button', { name: 'Remove alarm keys > 1000' }).click();
      await expect(page.getByTestId('no-alarms')).toBeVisible();
    } finally {
      // Frees the drone for the other journeys; nothing waits for the delete job.
      await callApi(stack, stack.adminToken, `mutation($id: ID!) { deleteCluster(id: $id, force: true) { jobId } }`, { id: clusterId }).catch(() => undefined);
    }
  });
});
