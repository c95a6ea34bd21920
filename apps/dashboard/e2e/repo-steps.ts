import { expect, type Page } from '@playwright/test';
import { stackInfo } from './stack/stack-info.js';

/** Adds an s3 repository through the dialog and lands on its page; returns the repo id from the URL. */
export async function addS3Repo(page: Page, name: string, folder: string): Promise<string> {
  const stack = stackInfo();
  await page.goto(`${stack.baseUrl}/repos`);
  await page.getByRole('button', { name: 'Add repository' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add repository' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await dialog.getByRole('textbox', { name: 'URL', exact: true }).fill(`${stack.s3.url}${folder}/`);
  await dialog.getByRole('textbox', { name: 'Labels', exact: true }).fill('tier=e2e');
  await dialog.getByText('S3 keys', { exact: true }).click();
  await dialog.getByLabel('Access key id').fill(stack.s3.accessKeyId);
  await dialog.getByLabel('Secret access key').fill(stack.s3.secretAccessKey);
  await dialog.getByRole('button', { name: 'Add repository' }).click();
  await expect(page).toHaveURL(/\/repos\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return page.url().split('/').pop()!;
}

/** Uploads an archive through the page's file input. */
export async function uploadArchive(page: Page, archive: string): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles(archive);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
}

/**
 * Picks a provider in the Providers multi-select. Its options come from a query: the dropdown is
 * opened again (after Escape) until the option is there, rather than failing on an early click.
 */
export async function chooseProvider(page: Page, provider: string): Promise<void> {
  const input = page.getByRole('combobox', { name: 'Providers' });
  const option = page.getByRole('option', { name: provider, exact: true });
  await expect(async () => {
    await page.keyboard.press('Escape');
    await input.click({ force: true });
    await expect(option).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await option.click();
  await page.keyboard.press('Escape');
}
