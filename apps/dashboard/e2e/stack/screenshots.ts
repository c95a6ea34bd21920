import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';

/**
 * The README's pictures are taken by the journey itself: with PITRIX_SCREENSHOTS_DIR set
 * (`PITRIX_SCREENSHOTS_DIR=$PWD/../../docs/images npx playwright test e2e/journey.spec.ts`), each
 * named moment is saved there as a PNG; otherwise nothing is written.
 */
export async function documentationScreenshot(page: Page, name: string, options: { scrollTo?: Locator } = {}): Promise<void> {
  const dir = process.env['PITRIX_SCREENSHOTS_DIR'];
  if (!dir) return;
  await options.scrollTo?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(dir, `${name}.png`) });
}
