import { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import './provided-context.js';

/** Connects to the shared test Temporal server (started or reused by the global setup). */
export function connectTestTemporal(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createFromExistingServer({
    address: inject('temporalAddress'),
    namespace: inject('temporalNamespace'),
  });
}

/** The shared test Temporal server's address and namespace. */
export function testTemporalTarget(): { address: string; namespace: string; binary: string } {
  return { address: inject('temporalAddress'), namespace: inject('temporalNamespace'), binary: inject('temporalBinary') };
}

/** A task queue no other test uses, so tests sharing one server never steal each other's tasks. */
export function uniqueTaskQueue(label: string): string {
  return `test-${label}-${randomBytes(4).toString('hex')}`;
}
