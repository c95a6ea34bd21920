import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expectNoSeriousA11yViolations } from './stack/axe.js';
import { signIn } from './stack/sign-in.js';
import { callApi, stackInfo, type StackInfo } from './stack/stack-info.js';

const run = promisify(execFile);

/**
 * Puts a runtime in meltdown by its stored row: a real one needs more nodes down at once than this
 * machine can run, and the dashboard's stack runs no resurrector that would recount it.
 */
async function forceMeltdown(stack: StackInfo, runtimeId: string): Promise<void> {
  // The id is the API's own (letters, digits, dashes), checked before it goes into the statement.
  expect(runtimeId).toMatch(/^[A-Za-z0-9_-]+$/);
  const sql = `UPDATE runtime.healing SET state = 'meltdown', down_nodes = 4, total_nodes = 5, state_since = now() WHERE runtime_id = '${runtimeId}'`;
  const { stdout } = await run('psql', [stack.databaseUrl, '-v', 'ON_ERROR_STOP=1', '-c', sql]);
  expect(stdout.trim()).toBe('UPDATE 1');
}

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

  test('each runtime shows its healing; in a meltdown only an admin sees Release, which releases it', async ({ page, browser }) => {
    const stack = stackInfo();
    const name = `melt-${Date.now().toString(36)}`;
    const { createRuntime } = await callApi<{ createRuntime: { id: string } }>(stack, stack.adminToken, `mutation($input: CreateRuntimeInput!) { createRuntime(input: $input) { id } }`, {
      input: { name, provider: 'local', zone: 'local', groupId: 'grp-e2e', options: { networks: [name] } },
    });
    const runtimeId = createRuntime.id;
    try {
      // Limits of its own (which also stores its healing row), then the meltdown.
      await callApi(stack, stack.adminToken, `mutation($id: ID!) { setRuntimeHealing(runtimeId: $id, meltdownPercent: 50, meltdownNodes: 3) { state } }`, { id: runtimeId });
      await forceMeltdown(stack, runtimeId);

      // A user of the runtime's group sees the meltdown but no Release.
      await signIn(page, stack.baseUrl, stack.users.user, '/runtimes');
      const seen = page.getByTestId(`runtime-healing-${name}`);
      await expect(seen).toHaveAttribute('data-state', 'meltdown');
      await expect(seen).toContainText('4 of 5 nodes down');
      await expect(seen).toContainText('Meltdown above 50% or 3 nodes');
      await expect(page.getByTestId('runtime-healing-e2e-site')).toHaveAttribute('data-state', 'healing');
      await expect(page.getByRole('button', { name: `Release the meltdown of ${name}` })).toHaveCount(0);

      const adminContext = await browser.newContext();
      try {
        const admin = await adminContext.newPage();
        await signIn(admin, stack.baseUrl, stack.users.admin, '/runtimes');
        const healing = admin.getByTestId(`runtime-healing-${name}`);
        await expect(healing).toHaveAttribute('data-state', 'meltdown');
        await expect(admin.getByTestId('runtime-healing-e2e-site')).toContainText('healing');
        await expect(admin.getByTestId('runtime-healing-e2e-site').getByRole('button', { name: /Release/ })).toHaveCount(0);
        await expectNoSeriousA11yViolations(admin, 'the runtimes page with a meltdown');
        await admin.getByRole('button', { name: `Release the meltdown of ${name}` }).click();
        await expect(healing).toContainText('Released by admin');
        await expect(healing.getByRole('list', { name: `Healing changes of ${name}` })).toContainText('released (4/5) by admin');
        await expect(admin.getByRole('button', { name: `Release the meltdown of ${name}` })).toHaveCount(0);

        // The limits form stores new limits.
        await admin.getByRole('button', { name: `Meltdown limits of ${name}` }).click();
        const limits = admin.getByRole('dialog', { name: `Meltdown limits of ${name}` });
        await limits.getByLabel('Meltdown percent').fill('40');
        await limits.getByRole('button', { name: 'Save limits' }).click();
        await expect(limits).toBeHidden();
        await expect(healing).toContainText('Meltdown above 40% or 3 nodes');
      } finally {
        await adminContext.close();
      }
    } finally {
      await callApi(stack, stack.adminToken, `mutation($id: ID!) { deleteRuntime(id: $id) { id } }`, { id: runtimeId }).catch(() => undefined);
    }
  });
});
