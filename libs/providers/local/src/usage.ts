import { shortfallsOf, type ResourceDemand, type Shortfall } from '@pitrix/provider-contract';
import type { InstanceRecord } from './instance-record.js';
import type { VolumeRecord } from './volume-record.js';

/** What a zone has in use, measured from the records on disk, against the runtime's quota. */
export class Usage {
  constructor(
    private readonly quota: ResourceDemand,
    private readonly instances: () => InstanceRecord[],
    private readonly volumes: () => VolumeRecord[],
  ) {}

  /** Resources taken by live instances and existing volumes. */
  current(): ResourceDemand {
    const live = this.instances().filter((record) => record.status !== 'terminated');
    const volumes = this.volumes();
    return {
      instances: live.length,
      cpu: live.reduce((sum, record) => sum + record.cpu, 0),
      memoryMiB: live.reduce((sum, record) => sum + record.memoryMiB, 0),
      volumes: volumes.length,
      volumeGiB: volumes.reduce((sum, record) => sum + record.sizeGiB, 0),
    };
  }

  /** What the quota still allows. */
  available(): ResourceDemand {
    const used = this.current();
    const left = (key: keyof ResourceDemand) => Math.max(0, this.quota[key] - used[key]);
    return { instances: left('instances'), cpu: left('cpu'), memoryMiB: left('memoryMiB'), volumes: left('volumes'), volumeGiB: left('volumeGiB') };
  }

  /** The resources `demand` would overrun (empty when it fits). */
  shortfalls(demand: ResourceDemand): Shortfall[] {
    return shortfallsOf(demand, this.available());
  }
}
