import { loadDevStackConfig } from '@pitrix/config';
import { isPortOpen } from '@pitrix/devstack';
import { ensureTestTemporal, s3ServerBinary } from '@pitrix/testing/servers';
import { ensureChromium } from './chromium.js';
import { ensureHelm, ensureKubernetesTools } from './dev-kubernetes.js';
import { FailureDigest } from './failure-digest.js';
import { runNx, runStep } from './run-step.js';

/**
 * `npm test`: installs Chromium when missing, builds the binaries (Temporal CLI, nats-server, the project's S3 server, the Kubernetes control plane, kwok, helm) and packages, starts one headless Temporal dev server for all
 * integration tests, then runs lint, the type-check and every project's tests.
 */
async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadDevStackConfig(process.env);
  if (!(await isPortOpen('127.0.0.1', 5432))) {
    throw new Error('PostgreSQL is not reachable on 127.0.0.1:5432 (the tests need the local server)');
  }
  const chromium = ensureChromium((line) => console.log(`pitrix test: ${line}`));
  // Built here once, so parallel test projects find the S3 server in the cache instead of each building it.
  await s3ServerBinary({ ...process.env, PITRIX_BIN_CACHE: config.devStack.binCache });
  // Kubernetes tests start their own control planes from these, so none waits for (or skips without) a
  // build; a missing one is announced with how long the first build takes (10–20 minutes).
  const log = (line: string) => console.log(`pitrix test: ${line}`);
  await ensureKubernetesTools(config, log);
  await ensureHelm(config, log);
  const temporal = await ensureTestTemporal(process.env);
  const env = { ...process.env, PITRIX_TEST_TEMPORAL_ADDRESS: temporal.address, PITRIX_BIN_CACHE: config.devStack.binCache, PITRIX_CHROMIUM: chromium };
  const results: Array<[string, number]> = [];
  const testFailures = new FailureDigest();
  try {
    const steps: Array<[string, () => ReturnType<typeof runStep>]> = [
      ['build', () => runNx('build', ['run-many', '-t', 'build'], env)],
      ['type-check', () => runStep('type-check', 'npx', ['tsc', '-p', 'tsconfig.json'], env)],
      ['lint', () => runNx('lint', ['run-many', '-t', 'lint'], env)],
      ['test', () => runNx('test', ['run-many', '-t', 'test', '--parallel=2'], env, testFailures)],
    ];
    for (const [name, step] of steps) {
      const { code } = await step();
      results.push([name, code]);
      if (code !== 0) break;
    }
  } finally {
    await temporal.stop();
  }
  const failed = results.filter(([, code]) => code !== 0);
  const digest = testFailures.render();
  if (digest) console.log(`\n${digest}`);
  const summary = results.map(([name, code]) => `${name}: ${code === 0 ? 'ok' : 'FAILED'}`).join(', ');
  console.log(`\npitrix test: ${summary} (${((Date.now() - startedAt) / 1000).toFixed(0)} s)`);
  process.exit(failed.length === 0 && results.length === 4 ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(`pitrix test: ${(err as Error).message}`);
  process.exit(1);
});
