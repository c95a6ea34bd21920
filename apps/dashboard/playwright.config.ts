import { defineConfig } from '@playwright/test';

/**
 * The dashboard's end-to-end tests: Debian's Chromium against the real stack (API serving the built
 * dashboard, a worker, Temporal, NATS, PostgreSQL, an S3 server and a local runtime with real drones),
 * started once by the global setup. One worker: the journeys share that stack and this machine's two cores.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/stack/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  // One retry: the journeys share one stack on two cores with the other projects' tests, and a
  // step that loses a race with them once is reported as flaky (in the list), not hidden.
  retries: 1,
  timeout: 240_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    launchOptions: { executablePath: process.env['PITRIX_CHROMIUM'] ?? '/usr/bin/chromium' },
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 20_000,
  },
});
