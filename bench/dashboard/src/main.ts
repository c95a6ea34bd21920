import { allSchemaModules } from '@pitrix/schemas';
import { connectDataSource, createDataSource } from '@pitrix/db';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright';
import { callApi } from '../../../apps/dashboard/e2e/stack/stack-info.js';
import { startStack } from '../../../apps/dashboard/e2e/stack/start-stack.js';
import { percentile, report } from '../../shared/src/stats.js';
import { initialJavaScriptGzipBytes } from './initial-size.js';
import { SyntheticClusters } from './synthetic-clusters.js';

const DIST = join(__dirname, '..', '..', '..', 'apps', 'dashboard', 'dist');
const LATENCY_SAMPLES = 40;
const LIST_SAMPLES = 5;
const CLUSTERS = 1000;

/**
 * Resolves (in the page) with the wall-clock time the DAG node of `taskId` shows `status`. The
 * browser code is a string: tsx would wrap a function's inner names in a helper the page lacks.
 */
function whenTaskShows(page: Page, taskId: string, status: string): Promise<number> {
  const selector = JSON.stringify(`[data-testid="dag-task-${taskId}"]`);
  return page.evaluate(`new Promise((resolve) => {
    const shown = () => document.querySelector(${selector})?.getAttribute('data-status') === ${JSON.stringify(status)};
    if (shown()) return resolve(Date.now());
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      resolve(Date.now());
    });
    observer.observe(document.body, { subtree: true, attributes: true, childList: true, attributeFilter: ['data-status'] });
  })`) as Promise<number>;
}

/**
 * `npm run bench:dashboard` (after `npm run build`): the dashboard's first-load JavaScript, how
 * fast a task's change in the database reaches the DAG in Chromium, and the cluster list with 1,000
 * clusters, against the real stack (the e2e stack process: API serving the built dashboard, worker,
 * Temporal, NATS, PostgreSQL).
 */
async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST} has no built dashboard: run npm run build first`);
  const size = initialJavaScriptGzipBytes(DIST);
  report('initial_js_gzip_kb', size.bytes / 1024, 200);
  report('initial_js_files', size.files.length);

  const stack = await startStack();
  const dataSource = await connectDataSource(createDataSource({ url: stack.info.databaseUrl, modules: allSchemaModules, poolSize: 2 }));
  const browser = await chromium.launch({ executablePath: process.env['PITRIX_CHROMIUM'] ?? '/usr/bin/chromium' });
  try {
    const { me } = await callApi<{ me: { user: { id: string }; ownerPath: string } }>(stack.info, stack.info.adminToken, '{ me { user { id } ownerPath } }');
    const synthetic = new SyntheticClusters(dataSource, me.ownerPath);
    const page = await browser.newPage();
    await page.goto(`${stack.info.baseUrl}/sign-in`);
    await page.getByLabel('Login').fill('admin');
    await page.locator('input[type="password"]').fill(stack.info.users.admin.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('user-menu').waitFor();

    const taskIds = await synthetic.jobWithTasks('cl-bench-job', 'job-bench-live', LATENCY_SAMPLES, stack.info.runtimeId);
    await page.goto(`${stack.info.baseUrl}/jobs/job-bench-live`);
    await page.locator(`[data-testid="dag-task-${taskIds[0]}"]`).waitFor();
    const latencies: number[] = [];
    for (const taskId of taskIds) {
      const shown = whenTaskShows(page, taskId, 'running');
      const changed = Date.now();
      await synthetic.startTask('cl-bench-job', 'job-bench-live', taskId);
      latencies.push((await shown) - changed);
    }
    report('task_change_to_dag_p50_ms', percentile(latencies, 50), 150);
    report('task_change_to_dag_p95_ms', percentile(latencies, 95));

    await synthetic.createMany('bench', CLUSTERS, stack.info.runtimeId);
    const renders: number[] = [];
    let rows = 0;
    for (let i = 0; i < LIST_SAMPLES; i++) {
      const started = Date.now();
      await page.goto(`${stack.info.baseUrl}/clusters`);
      await page.locator('table tbody tr').first().waitFor();
      renders.push(Date.now() - started);
      rows = await page.locator('table tbody tr').count();
    }
    report('cluster_list_1000_render_p50_ms', percentile(renders, 50));
    report('cluster_list_rows_drawn', rows);
  } finally {
    await browser.close();
    await dataSource.destroy();
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
