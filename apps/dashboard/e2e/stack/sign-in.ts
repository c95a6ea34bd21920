import { expect, type Page } from '@playwright/test';
import type { StackUser } from './stack-info.js';

/** Signs in through the sign-in page, as a person would, and waits for the shell. */
export async function signIn(page: Page, baseUrl: string, user: StackUser, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?returnTo=${encodeURIComponent(path)}`);
  await page.getByLabel('Login').fill(user.login);
  await page.locator('input[type="password"]').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}
