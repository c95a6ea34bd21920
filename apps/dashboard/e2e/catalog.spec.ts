import { expect, test } from '@playwright/test';
import { arrangeReleasedApp, removeDeployedCluster } from './catalog-arrange.js';
import { expectNoSeriousA11yViolations } from './stack/axe.js';
import { signIn } from './stack/sign-in.js';
import { stackInfo } from './stack/stack-info.js';

test.describe('catalog, app page and deploy form', () => {
  test('search finds a released app; its page renders the README safely; the deploy form checks values through the API and previews the plan', async ({ page }) => {
    const stack = stackInfo();
    const suffix = Date.now().toString(36);
    const app = await arrangeReleasedApp(stack, suffix);
    await signIn(page, stack.baseUrl, stack.users.admin, '/');

    // Catalog: the search finds it, its card shows the latest version, the category filter keeps it.
    await expect(page.getByRole('heading', { name: 'Catalog', level: 1 })).toBeVisible();
    await page.getByLabel('Search').fill(app.name);
    const card = page.getByTestId('app-card').filter({ hasText: app.name });
    await expect(card).toHaveCount(1);
    await expect(page.getByTestId('app-card')).toHaveCount(1);
    await expect(card.getByTestId('latest-version')).toHaveText('v1.0.0');
    await expect(card.getByRole('img', { name: `${app.name} icon` })).toBeVisible();
    await page.getByRole('combobox', { name: 'Category' }).click();
    await page.getByRole('option', { name: app.categoryName }).click();
    await expect(page).toHaveURL(/category=/);
    await expect(card).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the catalog');

    // App page: README rendered, its script neither present nor run; versions, screenshots, maintainers, runtimes.
    await card.getByRole('link', { name: app.name }).click();
    await expect(page.getByRole('heading', { name: app.name, level: 1 })).toBeVisible();
    const readme = page.getByTestId('readme');
    await expect(readme.getByRole('heading', { name: 'Key-value store (primary and replicas)' })).toBeVisible();
    await expect(readme.getByRole('heading', { name: 'Safety' })).toBeVisible();
    expect(await readme.locator('script').count()).toBe(0);
    expect(await readme.locator('[onerror]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __readmeScript?: boolean }).__readmeScript)).toBeUndefined();
    await expect(page.getByTestId('versions')).toContainText('1.0.0');
    await expect(page.getByTestId('versions').locator('[data-status="active"]')).toBeVisible();
    await expect(page.getByTestId('screenshots').getByRole('img', { name: `${app.name} screenshot 1` })).toBeVisible();
    await expect(page.getByTestId('maintainers')).toContainText('Pitrix');
    await expect(page.getByTestId('keywords')).toContainText(app.categoryName);
    await expect(page.getByTestId('eligible-runtimes')).toContainText('e2e-site');
    await expectNoSeriousA11yViolations(page, 'the app page');

    // Deploy form: ranges as selects, the password masked, fixed fields marked.
    await page.getByRole('link', { name: 'Deploy 1.0.0' }).click();
    await expect(page.getByRole('heading', { name: `Deploy ${app.name}`, level: 1 })).toBeVisible();
    await page.getByTestId('field-cluster.primary.cpu').click();
    await expect(page.getByRole('option', { name: '8', exact: true })).toBeVisible();
    await page.getByRole('option', { name: '2', exact: true }).click();
    await expect(page.getByTestId('field-cluster.primary.cpu')).toHaveValue('2');
    await expect(page.getByTestId('field-env.requirepass')).toHaveAttribute('type', 'password');
    await expect(page.getByTestId('fixed-after-create').first()).toBeVisible();

    // An out-of-range value: the API's problem shows next to its field.
    await page.getByTestId('field-cluster.replica.count').fill('9');
    await page.getByRole('button', { name: 'Preview plan' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'PACKAGE.VALUES_INVALID' })).toBeVisible();
    await expect(page.getByTestId('field-cluster.replica.count')).toHaveAccessibleDescription(/above the maximum/);
    await expect(page.getByRole('button', { name: 'Deploy' })).toBeDisabled();

    // Fixed, on the e2e runtime: the plan draws the tasks the job would run, with the placement reason.
    await page.getByTestId('field-cluster.replica.count').fill('1');
    await page.getByTestId('runtime-select').click();
    await page.getByRole('option', { name: /^e2e-site/ }).click();
    await page.getByRole('button', { name: 'Preview plan' }).click();
    const plan = page.getByTestId('plan-preview');
    await expect(plan.getByTestId('placement')).toContainText(stack.runtimeId);
    await expect(plan.locator('[data-testid^="dag-task-"]').first()).toBeVisible();
    expect(await plan.locator('[data-testid^="dag-task-"]').count()).toBeGreaterThan(2);
    await expect(page.getByRole('button', { name: 'Deploy' })).toBeEnabled();
    await expectNoSeriousA11yViolations(page, 'the deploy form with its plan');

    // Deploy: createCluster takes the form's values and the page goes to the job.
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await expect(page).toHaveURL(/\/jobs\/[^/]+$/);
    const jobId = new URL(page.url()).pathname.split('/').pop()!;
    await removeDeployedCluster(stack, jobId);
  });
});
