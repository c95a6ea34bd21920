import type { TestProject } from 'vitest/node';
import './provided-context.js';
import { ensureTestTemporal } from './temporal.js';

/**
 * Runs once per integration project: reuses the Temporal server named by
 * PITRIX_TEST_TEMPORAL_ADDRESS (started by `npm test`), or starts a private in-memory one.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const temporal = await ensureTestTemporal(process.env);
  project.provide('temporalAddress', temporal.address);
  project.provide('temporalNamespace', temporal.namespace);
  project.provide('temporalBinary', temporal.binary);
  return temporal.stop;
}
