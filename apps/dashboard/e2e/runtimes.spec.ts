import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './stack/axe.js';
import { signIn } from './stack/sign-in.js';
import { stackInfo } from './stack/stack-info.js';

test.describe('runtimes and credentials', () => {
  test('an admin creates a local runtime from its option fields, validates it, edits its labels and deletes it', async ({ page }) => {
    const stack = stackInfo();
    const name = `rt-${Date.now().toString(36)}`;
    const zone = `zone-${Date.now().toString(36)}`;
    await signIn(page, stack.baseUrl, stack.users.admin, '/runtimes');
    await expect(page.getByRole('heading', { level: 1, name: 'Runtimes' })).toBeVisible();
    await expect(page.getByTestId('runtime-e2e-site')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the runtimes page');

    await page.getByRole('button', { name: 'New runtime' }).click();
    const dialog = page.getByRole('dialog', { name: 'New runtime' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('combobox', { name: 'Provider' }).click();
    await page.getByRole('option', { name: 'local', exact: true }).click();
    // The local provider's own option fields, not JSON: a zone and a network of this runtime's own, a quota.
    const options = dialog.getByTestId('provider-options');
    await expect(options.getByLabel('Networks', { exact: true })).toBeVisible();
    await expect(options.getByRole('switch', { name: 'Simulate drones' })).not.toBeChecked();
    await options.getByLabel('Zones', { exact: true }).fill(zone);
    await options.getByLabel('Zones', { exact: true }).press('Enter');
    await options.getByLabel('Networks', { exact: true }).fill(name);
    await options.getByLabel('Networks', { exact: true }).press('Enter');
    await options.getByLabel('Quota: instances', { exact: true }).fill('20');
    await options.getByRole('switch', { name: 'Simulate drones' }).check();
    // The zones offered follow the options just entered.
    await dialog.getByRole('combobox', { name: 'Zone', exact: true }).click();
    await page.getByRole('option', { name: zone, exact: true }).click();
    await dialog.getByLabel('Labels').fill('env=e2e');
    await expectNoSeriousA11yViolations(page, 'the new runtime dialog');
    await dialog.getByRole('button', { name: 'Create runtime' }).click();
    const row = page.getByTestId(`runtime-${name}`);
    await expect(row).toContainText('local');
    await expect(row).toContainText(zone);
    await expect(row).toContainText('env=e2e');
    await expect(row).toContainText('ready');

    await row.getByRole('button', { name: `Validate ${name}` }).click();
    // The API's answer, checked with the runtime's stored options (its zone exists only through them).
    await expect(page.getByTestId('runtime-validation')).toContainText(`Valid: Provider local accepts the credential as local:`);
    await expect(page.getByTestId('runtime-validation')).toContainText(`offers zone ${zone}`);
    await expectNoSeriousA11yViolations(page, 'a validated runtime');

    await row.getByRole('button', { name: `Edit labels of ${name}` }).click();
    const labels = page.getByRole('dialog', { name: `Labels of ${name}` });
    await labels.getByLabel('Labels').fill('env=e2e\ntier=gold');
    await labels.getByRole('button', { name: 'Save labels' }).click();
    await expect(row).toContainText('tier=gold');

    await row.getByRole('button', { name: `Delete ${name}` }).click();
    await page.getByRole('dialog', { name: `Delete runtime ${name}?` }).getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByTestId(`runtime-${name}`)).toHaveCount(0, { timeout: 180_000 });
  });

  test('credentials are created, validated and deleted', async ({ page }) => {
    const stack = stackInfo();
    const name = `cred-${Date.now().toString(36)}`;
    await signIn(page, stack.baseUrl, stack.users.admin, '/runtimes');
    await page.getByRole('button', { name: 'New credential' }).click();
    const dialog = page.getByRole('dialog', { name: 'New credential' });
    await dialog.getByLabel('Name').fill(name);
    // A kubernetes credential's secret is its kubeconfig, typed as YAML instead of a JSON object; nothing is created
    // with it here (the stack has no Kubernetes server).
    await dialog.getByRole('combobox', { name: 'Provider' }).click();
    await page.getByRole('option', { name: 'kubernetes', exact: true }).click();
    await expect(dialog.getByRole('textbox', { name: 'Kubeconfig' })).toBeVisible();
    await expect(dialog.getByLabel('Secret', { exact: true })).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Create credential' })).toBeDisabled();
    await dialog.getByRole('textbox', { name: 'Kubeconfig' }).fill('apiVersion: v1\nkind: Config\n');
    await expect(dialog.getByRole('button', { name: 'Create credential' })).toBeEnabled();
    await expectNoSeriousA11yViolations(page, 'the kubeconfig field');
    await dialog.getByRole('combobox', { name: 'Provider' }).click();
    await page.getByRole('option', { name: 'aws', exact: true }).click();
    await expect(dialog.getByRole('textbox', { name: 'Kubeconfig' })).toHaveCount(0);
    await dialog.getByLabel('Endpoint').fill('http://127.0.0.1:9');
    await dialog.getByLabel('Secret', { exact: true }).fill('{ "accessKeyId": "AKIAE2E", "secretAccessKey": "not-a-secret" }');
    // Stored without the live check: nothing answers at that endpoint.
    await dialog.getByRole('checkbox', { name: 'Check it against the provider before storing it' }).uncheck();
    await dialog.getByRole('button', { name: 'Create credential' }).click();
    const row = page.getByTestId(`credential-${name}`);
    await expect(row).toContainText('accessKeyId, secretAccessKey');
    await expectNoSeriousA11yViolations(page, 'the credentials list');

    await row.getByRole('button', { name: `Validate credential ${name}` }).click();
    await expect(page.getByText(/Not valid|UNREACHABLE|RUNTIME\./).first()).toBeVisible({ timeout: 60_000 });

    await row.getByRole('button', { name: `Delete credential ${name}` }).click();
    await page.getByRole('dialog', { name: `Delete credential ${name}?` }).getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByTestId(`credential-${name}`)).toHaveCount(0);
  });
});
