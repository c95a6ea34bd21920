import { NamespaceNotFoundError, ServiceError, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { isDefiniteRefusal } from '../src/start-outcome.js';

/** What the client throws for a failed gRPC call: a ServiceError whose cause carries the status. */
function grpcFailure(code: number): ServiceError {
  return new ServiceError('Failed to start Workflow', { cause: Object.assign(new Error(`${code} injected`), { code, details: 'injected', metadata: {} }) });
}

describe('which start errors say for sure that no workflow started', () => {
  it.each([
    ['the workflow id is taken (CLUSTER.BUSY)', new WorkflowExecutionAlreadyStartedError('started', 'cluster/cl-1', 'clusterJob'), true],
    ['an unknown namespace', new NamespaceNotFoundError('nope'), true],
    ['INVALID_ARGUMENT', grpcFailure(3), true],
    ['PERMISSION_DENIED', grpcFailure(7), true],
    ['UNAUTHENTICATED', grpcFailure(16), true],
    ['DEADLINE_EXCEEDED', grpcFailure(4), false],
    ['UNAVAILABLE', grpcFailure(14), false],
    ['CANCELLED', grpcFailure(1), false],
    ['INTERNAL', grpcFailure(13), false],
    ['an error without a gRPC status', new Error('socket hang up'), false],
  ] as const)('%s', (_name, err, refused) => {
    expect(isDefiniteRefusal(err)).toBe(refused);
  });
});
