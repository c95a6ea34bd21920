import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './stack/axe.js';
import { signIn } from './stack/sign-in.js';
import { stackInfo } from './stack/stack-info.js';

test.describe('sign in and out', () => {
  test('a wrong password shows the API’s code; the right one opens the shell with roles and groups; sign-out ends the session', async ({ page }) => {
    const stack = stackInfo();
    await page.goto(`${stack.baseUrl}/clusters`);
    await expect(page).toHaveURL(/\/sign-in\?returnTo=/);
    await expect(page.getByRole('link', { name: 'Sign in with single sign-on' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the sign-in page');
    await page.getByLabel('Login').fill(stack.users.user.login);
    await page.locator('input[type="password"]').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('AUTH.UNAUTHENTICATED');
    await expectNoSeriousA11yViolations(page, 'the sign-in page with an error');

    await signIn(page, stack.baseUrl, stack.users.user, '/clusters');
    await expect(page).toHaveURL(/\/clusters$/);
    await page.getByTestId('user-menu').click();
    await expect(page.getByTestId('user-roles')).toContainText('user');
    await expect(page.getByTestId('user-group')).toContainText('e2e');
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto(`${stack.baseUrl}/`);
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('single sign-on goes through the OpenID provider and comes back signed in, in the mapped group', async ({ page }) => {
    const stack = stackInfo();
    await page.goto(`${stack.baseUrl}/sign-in?returnTo=${encodeURIComponent('/runtimes')}`);
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await page.getByLabel('Login').fill(stack.ssoLogin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const allow = page.getByRole('button', { name: 'Allow' });
    // The provider asks for consent on a first sign-in only.
    if (await allow.isVisible({ timeout: 3_000 }).catch(() => false)) await allow.click();
    await expect(page.getByTestId('user-menu')).toBeVisible();
    await expect(page).toHaveURL(/\/runtimes$/);
    await page.getByTestId('user-menu').click();
    await expect(page.getByTestId('user-group')).toContainText('e2e (user)');
  });

  test('the dashboard is served with a strict Content-Security-Policy and a single-page fallback', async ({ request }) => {
    const stack = stackInfo();
    const deep = await request.get(`${stack.baseUrl}/clusters/cl-missing`, { headers: { accept: 'text/html' } });
    expect(deep.status()).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    const csp = deep.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("script-src 'self' 'unsafe");
    expect(csp).toContain("frame-ancestors 'none'");
    const missingAsset = await request.get(`${stack.baseUrl}/assets/none.js`);
    expect(missingAsset.status()).toBe(404);
  });
});
