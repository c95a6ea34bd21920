import { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomBytes } from 'node:crypto';
import type { ProvidedContext } from 'vitest';
import './provided-context.js';

/** Where a process outside vitest (the dashboard's e2e stack) finds the shared test Temporal server. */
const ENV_NAMES: Record<keyof ProvidedContext, string> = {
  temporalAddress: 'PITRIX_TEST_TEMPORAL_ADDRESS',
  temporalNamespace: 'PITRIX_TEST_TEMPORAL_NAMESPACE',
  temporalBinary: 'PITRIX_TEST_TEMPORAL_BINARY',
};

/**
 * What the global setup provided. In a vitest worker that is the worker state `inject` reads (read
 * here directly: importing vitest's runtime would make this library unusable in any process vitest
 * did not start); elsewhere the environment variables above.
 */
function provided<K extends keyof ProvidedContext>(key: K): string {
  const worker = (globalThis as { __vitest_worker__?: { providedContext?: Partial<ProvidedContext> } }).__vitest_worker__;
  const value = worker?.providedContext?.[key] ?? process.env[ENV_NAMES[key]];
  if (!value) throw new Error(`no test Temporal server: run under vitest with the testing global setup, or set ${ENV_NAMES[key]}`);
  return value;
}

/** Connects to the shared test Temporal server (started or reused by the global setup). */
export function connectTestTemporal(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createFromExistingServer({ address: provided('temporalAddress'), namespace: provided('temporalNamespace') });
}

/** The shared test Temporal server's address and namespace. */
export function testTemporalTarget(): { address: string; namespace: string; binary: string } {
  return { address: provided('temporalAddress'), namespace: provided('temporalNamespace'), binary: provided('temporalBinary') };
}

/** A task queue no other test uses, so tests sharing one server never steal each other's tasks. */
export function uniqueTaskQueue(label: string): string {
  return `test-${label}-${randomBytes(4).toString('hex')}`;
}
