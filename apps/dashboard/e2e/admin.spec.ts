import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './stack/axe.js';
import { signIn } from './stack/sign-in.js';
import { stackInfo } from './stack/stack-info.js';

test.describe('administration and access tokens', () => {
  test('an admin creates a user, changes its roles, creates a group with it as a member, and sees both in the audit log', async ({ page }) => {
    const stack = stackInfo();
    const stamp = Date.now().toString(36);
    const login = `u-${stamp}`;
    const group = `g-${stamp}`;
    await signIn(page, stack.baseUrl, stack.users.admin, '/admin');
    await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
    await expect(page.getByTestId('user-admin')).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the users tab');

    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByRole('textbox', { name: 'Login', exact: true }).fill(login);
    await dialog.getByLabel('Display name').fill('Dash Board');
    await dialog.getByRole('textbox', { name: 'Password', exact: true }).fill('a-long-enough-password');
    await dialog.getByRole('checkbox', { name: 'developer' }).check();
    await dialog.getByRole('button', { name: 'Create user' }).click();
    const row = page.getByTestId(`user-${login}`);
    await expect(row).toContainText('developer');
    await expect(row).toContainText('active');

    await row.getByRole('button', { name: `Edit ${login}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit ${login}` });
    await edit.getByRole('checkbox', { name: 'reviewer' }).check();
    await edit.getByRole('button', { name: 'Save user' }).click();
    await expect(row).toContainText('reviewer');

    // A short password is refused with the API's code and the field it names.
    await page.getByRole('button', { name: 'New user' }).click();
    await dialog.getByRole('textbox', { name: 'Login', exact: true }).fill(`v-${stamp}`);
    await dialog.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expect(dialog.getByRole('alert')).toContainText('INPUT.INVALID');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('tab', { name: 'Groups' }).click();
    await page.getByLabel('Group name').fill(group);
    await page.getByLabel('Group display name').fill(`Group ${stamp}`);
    await page.getByRole('button', { name: 'Create group' }).click();
    const card = page.getByTestId(`group-grp-${group}`);
    await expect(card).toContainText('No members yet.');
    await card.getByRole('combobox', { name: `Member to add to Group ${stamp}` }).click();
    await page.getByRole('option', { name: login, exact: true }).click();
    await card.getByRole('combobox', { name: `Role in Group ${stamp}` }).click();
    await page.getByRole('option', { name: 'developer', exact: true }).click();
    await card.getByRole('button', { name: 'Add member' }).click();
    await expect(card.getByRole('table')).toContainText(login);
    await expect(card.getByRole('table')).toContainText('developer');
    await expectNoSeriousA11yViolations(page, 'the groups tab');

    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page.getByLabel('Action').fill('mutation.createUser');
    const events = page.getByTestId('security-events');
    await expect(events).toContainText(`input.login=${login}`);
    await expect(events).toContainText('success');
    await expect(events).toContainText('failure');
    await expectNoSeriousA11yViolations(page, 'the audit log');
  });

  test('a user creates an access token, sees its secret once, and revokes it', async ({ page }) => {
    const stack = stackInfo();
    const name = `cli-${Date.now().toString(36)}`;
    await signIn(page, stack.baseUrl, stack.users.user, '/');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Access tokens' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Access tokens' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the access tokens page');

    await page.getByLabel('Token name').fill(name);
    await page.getByRole('combobox', { name: 'Scope' }).click();
    await page.getByRole('option', { name: 'full' }).click();
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByTestId('new-token-secret')).toContainText('pxt_');
    await expect(page.getByRole('button', { name: 'Copy the token' })).toBeVisible();
    const row = page.getByTestId(`token-${name}`);
    await expect(row).toContainText('full');
    await expect(row).toContainText('active');

    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    await expect(row).toContainText('revoked');
    // After a reload the secret is gone for good, and the token stays revoked.
    await page.reload();
    await expect(page.getByTestId('new-token-secret')).toHaveCount(0);
    await expect(page.getByTestId(`token-${name}`)).toContainText('revoked');
  });
});
