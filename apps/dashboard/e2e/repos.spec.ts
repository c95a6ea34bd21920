import { expect, test } from '@playwright/test';
import { writeKvStoreArchive } from './package-archive.js';
import { addS3Repo, chooseProvider, uploadArchive } from './repo-steps.js';
import { expectNoSeriousA11yViolations } from './stack/axe.js';
import { signIn } from './stack/sign-in.js';
import { stackInfo } from './stack/stack-info.js';

test.describe('repositories', () => {
  test('a developer adds an s3 repo, indexes it, edits it, pushes a package by upload, submits and releases it', async ({ page }) => {
    const stack = stackInfo();
    const stamp = Date.now().toString(36);
    const name = `repo-${stamp}`;
    const pkg = `kv-repo-${stamp}`;
    await signIn(page, stack.baseUrl, stack.users.developer, '/repos');
    await expect(page.getByRole('heading', { level: 1, name: 'Repositories' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the repositories page');

    const repoId = await addS3Repo(page, name, `repos-${stamp}`);
    // Creating the repo started its first index run.
    await expect(page.getByTestId('index-run').first()).toContainText(/successful|working|pending/);
    await page.getByRole('button', { name: 'Index now' }).click();
    await expect(page.getByTestId('index-run').first()).toContainText('successful');

    // Settings: providers, labels and selectors through updateRepo.
    await chooseProvider(page, 'local');
    await page.getByRole('textbox', { name: 'Labels', exact: true }).fill('tier=e2e\nteam=dash');
    await page.getByRole('textbox', { name: 'Selectors', exact: true }).fill('zone=local');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

    const archive = await writeKvStoreArchive(stack.kvStorePackage, pkg, '1.0.0');
    await uploadArchive(page, archive);
    await expect(page.getByTestId('upload-result')).toContainText(`${pkg} 1.0.0 is now a draft version`);
    const row = page.getByTestId(`version-${pkg}-1.0.0`);
    await expect(row).toContainText('draft');
    // The same version again is refused, with the API's code.
    await uploadArchive(page, archive);
    await expect(page.getByRole('alert').filter({ hasText: 'CATALOG.VERSION_EXISTS' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'a repository page');

    // A private repo is not reviewed: submit passes it at once, then the developer releases it.
    await row.getByRole('button', { name: `Submit ${pkg} 1.0.0` }).click();
    await expect(row).toContainText('passed');
    await row.getByRole('button', { name: `Release ${pkg} 1.0.0` }).click();
    await expect(row).toContainText('active');

    // The settings were stored: they are there after a reload.
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Selectors', exact: true })).toHaveValue('zone=local');
    await page.goto(`${stack.baseUrl}/repos`);
    await expect(page.getByRole('link', { name })).toHaveAttribute('href', `/repos/${repoId}`);
  });
});
