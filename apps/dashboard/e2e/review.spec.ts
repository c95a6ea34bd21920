import { expect, test, type Browser, type Page } from '@playwright/test';
import { writeKvStoreArchive } from './package-archive.js';
import { addS3Repo, uploadArchive } from './repo-steps.js';
import { expectNoSeriousA11yViolations } from './stack/axe.js';
import { signIn } from './stack/sign-in.js';
import { stackInfo, type StackUser } from './stack/stack-info.js';

async function signedIn(browser: Browser, user: StackUser, path: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await signIn(page, stackInfo().baseUrl, user, path);
  return page;
}

test.describe('review', () => {
  test('developer submits two versions of a public repo; the reviewer rejects one with a message and passes the other; the developer releases it; an admin suspends it', async ({ browser }) => {
    const stack = stackInfo();
    const stamp = Date.now().toString(36);
    const pkg = `kv-review-${stamp}`;

    // Developer: an s3 repo with two uploaded versions.
    const developer = await signedIn(browser, stack.users.developer, '/repos');
    const repoId = await addS3Repo(developer, `review-${stamp}`, `review-${stamp}`);
    await uploadArchive(developer, await writeKvStoreArchive(stack.kvStorePackage, pkg, '1.0.0'));
    await expect(developer.getByTestId(`version-${pkg}-1.0.0`)).toContainText('draft');
    await uploadArchive(developer, await writeKvStoreArchive(stack.kvStorePackage, pkg, '1.1.0'));
    await expect(developer.getByTestId(`version-${pkg}-1.1.0`)).toContainText('draft');

    // Only an admin may make a repo public (and only public repos are reviewed).
    const admin = await signedIn(browser, stack.users.admin, `/repos/${repoId}`);
    await admin.getByRole('combobox', { name: 'Visibility' }).click();
    await admin.getByRole('option', { name: 'public' }).click();
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await expect(admin.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

    await developer.reload();
    for (const version of ['1.0.0', '1.1.0']) {
      const row = developer.getByTestId(`version-${pkg}-${version}`);
      await row.getByRole('button', { name: `Submit ${pkg} ${version}` }).click();
      await expect(row).toContainText('submitted');
    }

    // Reviewer: the queue, then version 1.0.0 is rejected with a message.
    const reviewer = await signedIn(browser, stack.users.reviewer, '/review');
    await expect(reviewer.getByRole('heading', { level: 1, name: 'Review' })).toBeVisible();
    await expect(reviewer.getByTestId(`queue-${pkg}-1.0.0`)).toContainText('submitted');
    await expect(reviewer.getByTestId(`queue-${pkg}-1.1.0`)).toBeVisible();
    await expectNoSeriousA11yViolations(reviewer, 'the review queue');
    await reviewer.getByRole('link', { name: `${pkg} 1.0.0` }).click();
    await expect(reviewer.getByRole('heading', { level: 1, name: `${pkg} 1.0.0` })).toBeVisible();
    await reviewer.getByRole('button', { name: 'Start review' }).click();
    await expect(reviewer.getByRole('button', { name: 'Pass' })).toBeVisible();
    // The package's files, one opened in the viewer, and the rendered blueprint.
    await reviewer.getByRole('navigation', { name: 'Package files' }).getByText('package.json', { exact: true }).click();
    await expect(reviewer.getByTestId('file-viewer')).toContainText(`"name":"${pkg}"`);
    await expectNoSeriousA11yViolations(reviewer, 'a version under review');
    await reviewer.getByRole('tab', { name: 'Blueprint' }).click();
    await expect(reviewer.getByTestId('blueprint')).toContainText('"backupPolicy": "custom"');
    await reviewer.getByLabel('Message to the developer').fill('The README needs a backup section');
    await reviewer.getByRole('button', { name: 'Reject' }).click();
    const trail = reviewer.getByTestId('audit-trail');
    await expect(trail).toContainText('The README needs a backup section');
    await expect(trail).toContainText('rejected');
    await expect(trail).toContainText(stack.users.reviewer.login);
    await expectNoSeriousA11yViolations(reviewer, 'a rejected version with its audit trail');

    // Version 1.1.0 passes.
    await reviewer.goto(`${stack.baseUrl}/review`);
    await reviewer.getByRole('link', { name: `${pkg} 1.1.0` }).click();
    await reviewer.getByRole('button', { name: 'Start review' }).click();
    await reviewer.getByRole('button', { name: 'Pass' }).click();
    await expect(reviewer.getByTestId('audit-trail')).toContainText('passed');

    // Developer: sees the rejection and its message, releases the passed version.
    await developer.reload();
    await expect(developer.getByTestId(`version-${pkg}-1.0.0`)).toContainText('rejected');
    await expect(developer.getByTestId(`version-${pkg}-1.0.0`)).toContainText('The README needs a backup section');
    const passed = developer.getByTestId(`version-${pkg}-1.1.0`);
    await expect(passed).toContainText('passed');
    await passed.getByRole('button', { name: `Release ${pkg} 1.1.0` }).click();
    await expect(passed).toContainText('active');
    await expectNoSeriousA11yViolations(developer, 'a repository with rejected and active versions');

    // Admin: suspends the released version.
    await admin.reload();
    const adminRow = admin.getByTestId(`version-${pkg}-1.1.0`);
    await adminRow.getByRole('button', { name: `Suspend ${pkg} 1.1.0` }).click();
    await expect(adminRow).toContainText('suspended');
  });
});
