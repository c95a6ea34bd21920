import type { Instance, InstanceStatus } from '@pitrix/provider-contract';
import type { LimitEnforcement } from './cgroups.js';
import type { ProcessHandle } from './processes.js';

/** What the local provider keeps on disk for an instance. */
export interface InstanceRecord {
  readonly id: string;
  readonly clientToken: string;
  readonly name: string;
  readonly zone: string;
  status: InstanceStatus;
  readonly privateIp: string;
  readonly networkId: string;
  cpu: number;
  memoryMiB: number;
  readonly gpu: number;
  readonly imageId: string;
  readonly tags: Record<string, string>;
  readonly agentKind: 'frontgate' | 'drone';
  process?: ProcessHandle;
  /** The instance's own network namespace (`namespaces` networks; not for frontgates or simulated drones). */
  namespace?: string;
  /** The drone runs in the drone simulator, not as its own process. */
  simulated?: boolean;
  limits?: LimitEnforcement;
  readonly createdAt: string;
}

/** The contract's view of a record; attached volumes are read from the volumes themselves. */
export function toInstance(record: InstanceRecord, volumeIds: readonly string[]): Instance {
  return {
    id: record.id,
    clientToken: record.clientToken,
    name: record.name,
    status: record.status,
    privateIp: record.privateIp,
    networkId: record.networkId,
    cpu: record.cpu,
    memoryMiB: record.memoryMiB,
    gpu: record.gpu,
    imageId: record.imageId,
    volumeIds: [...volumeIds],
    tags: { ...record.tags },
  };
}

/** The image every local instance "boots": processes on this machine. */
export const LOCAL_IMAGE = { id: 'img-local-process', name: 'Processes on this machine (Node agent, machine software)' };
