import { expect, test, type Browser, type Page } from '@playwright/test';
import { writeKvStoreArchive } from './package-archive.js';
import { addS3Repo, chooseProvider, uploadArchive } from './repo-steps.js';
import { documentationScreenshot } from './stack/screenshots.js';
import { signIn } from './stack/sign-in.js';
import { stackInfo, type StackUser } from './stack/stack-info.js';

async function signedIn(browser: Browser, user: StackUser, path: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await signIn(page, stackInfo().baseUrl, user, path);
  return page;
}

/** Waits on the job page until the job ends successful with every task of its DAG successful (or skipped). */
async function expectJobSuccessful(page: Page): Promise<void> {
  await expect(page.getByTestId('job-status').getByText('successful')).toBeVisible({ timeout: 240_000 });
  await expect(page.locator('[data-testid^="dag-task-"]').first()).toBeVisible();
  await expect(page.locator('[data-testid^="dag-task-"]:not([data-status="successful"]):not([data-status="skipped"])')).toHaveCount(0);
}

test.describe('the whole journey in the browser', () => {
  test('a developer publishes kv-store, a reviewer passes it, a user deploys it after its plan, scales it out and deletes it', async ({ browser }) => {
    test.setTimeout(600_000);
    const stack = stackInfo();
    const stamp = Date.now().toString(36);
    const pkg = `kv-journey-${stamp}`;

    // Developer: a repository, the kv-store example pushed into it by upload.
    const developer = await signedIn(browser, stack.users.developer, '/repos');
    const repoId = await addS3Repo(developer, `journey-${stamp}`, `journey-${stamp}`);
    // A repo's providers decide where its apps may run: this one's go to local runtimes.
    await chooseProvider(developer, 'local');
    await developer.getByRole('button', { name: 'Save settings' }).click();
    await expect(developer.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await uploadArchive(developer, await writeKvStoreArchive(stack.kvStorePackage, pkg, '1.0.0'));
    const row = developer.getByTestId(`version-${pkg}-1.0.0`);
    await expect(row).toContainText('draft');

    // Public repositories are reviewed; only an admin makes one public.
    const admin = await signedIn(browser, stack.users.admin, `/repos/${repoId}`);
    await admin.getByRole('combobox', { name: 'Visibility' }).click();
    await admin.getByRole('option', { name: 'public' }).click();
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await expect(admin.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await admin.context().close();

    await developer.reload();
    await row.getByRole('button', { name: `Submit ${pkg} 1.0.0` }).click();
    await expect(row).toContainText('submitted');

    // Reviewer: passes it from the queue.
    const reviewer = await signedIn(browser, stack.users.reviewer, '/review');
    await reviewer.getByRole('link', { name: `${pkg} 1.0.0` }).click();
    await reviewer.getByRole('button', { name: 'Start review' }).click();
    await reviewer.getByRole('button', { name: 'Pass' }).click();
    await expect(reviewer.getByTestId('audit-trail')).toContainText('passed');
    await reviewer.context().close();

    // Developer: releases the passed version into the catalog.
    await developer.reload();
    await expect(row).toContainText('passed');
    await row.getByRole('button', { name: `Release ${pkg} 1.0.0` }).click();
    await expect(row).toContainText('active');
    await developer.context().close();

    // User: finds it in the catalog and deploys it through the rendered form, after its plan.
    const user = await signedIn(browser, stack.users.user, '/');
    await user.getByLabel('Search').fill(pkg);
    const card = user.getByTestId('app-card').filter({ hasText: pkg });
    // The search is debounced: wait for its answer (one app) before clicking into the list.
    await expect(user.getByTestId('app-card')).toHaveCount(1);
    await expect(card.getByTestId('latest-version')).toHaveText('v1.0.0');
    await documentationScreenshot(user, 'catalog');
    await card.getByRole('link', { name: pkg }).click();
    await expect(user.getByRole('heading', { name: pkg, level: 1 })).toBeVisible();
    await user.getByRole('link', { name: 'Deploy 1.0.0' }).click();
    await user.getByTestId('field-cluster.name').fill(`journey-${stamp}`);
    await user.getByTestId('field-cluster.replica.count').fill('1');
    await user.getByTestId('runtime-select').click();
    await user.getByRole('option', { name: /^e2e-site/ }).click();
    await user.getByRole('button', { name: 'Preview plan' }).click();
    const plan = user.getByTestId('plan-preview');
    await expect(plan.getByTestId('placement')).toContainText(stack.runtimeId);
    await expect(plan.locator('[data-testid^="dag-task-"]').first()).toBeVisible();
    const plannedTasks = await plan.locator('[data-testid^="dag-task-"]').count();
    await documentationScreenshot(user, 'deploy-plan', { scrollTo: user.getByRole('button', { name: 'Deploy', exact: true }) });
    await user.getByRole('button', { name: 'Deploy', exact: true }).click();

    // The job page: the DAG is the plan's, and it reaches successful live.
    await expect(user).toHaveURL(/\/jobs\/[^/]+$/);
    await expect(user.locator('[data-testid^="dag-task-"]')).toHaveCount(plannedTasks);
    await expect(user.locator('[data-testid^="dag-task-"][data-status="successful"]').first()).toBeVisible({ timeout: 120_000 });
    await documentationScreenshot(user, 'job-dag');
    await expectJobSuccessful(user);
    await user.getByRole('link', { name: /^cl-/ }).first().click();
    await expect(user.getByTestId('cluster-status').locator('[data-status="active"]')).toBeVisible();
    const nodes = user.getByTestId('nodes-table').locator('tbody tr');
    await expect(nodes).toHaveCount(2);
    const before = new Set(await nodes.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid'))));

    // Scale out by one replica: the confirmation shows the plan; the new node comes up healthy.
    await user.getByRole('button', { name: 'Scale out', exact: true }).click();
    const scaleOut = user.getByRole('dialog');
    await scaleOut.getByRole('combobox', { name: 'Role' }).click();
    await user.getByRole('option', { name: 'replica', exact: true }).click();
    await expect(scaleOut.getByTestId('plan-preview').locator('[data-testid^="dag-task-"]').first()).toBeVisible();
    await scaleOut.getByRole('button', { name: 'Confirm scale out' }).click();
    await expect(user).toHaveURL(/\/jobs\/[^/]+$/);
    await expectJobSuccessful(user);
    await user.getByRole('link', { name: /^cl-/ }).first().click();
    await expect(nodes).toHaveCount(3);
    const added = (await nodes.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')))).find((id) => !before.has(id))!;
    // Health checks run at the package's interval (60 s); the page re-reads health every 10 s.
    await expect(user.getByTestId(added!).locator('[data-status="healthy"]')).toBeVisible({ timeout: 180_000 });

    // Delete: confirmed with its plan, the job ends successful and the cluster is deleted.
    await user.getByRole('button', { name: 'Delete', exact: true }).click();
    const remove = user.getByRole('dialog');
    await expect(remove.getByTestId('plan-preview').locator('[data-testid^="dag-task-"]').first()).toBeVisible();
    await remove.getByRole('button', { name: 'Confirm delete' }).click();
    await expectJobSuccessful(user);
    await user.getByRole('link', { name: /^cl-/ }).first().click();
    await expect(user.getByTestId('cluster-status').locator('[data-status="deleted"]')).toBeVisible();
  });
});
