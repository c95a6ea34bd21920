import type { Ec2Api } from './ec2-api.js';
import type { FrontgateAddresses } from './frontgate-address.js';
import type { InstanceReader } from './instance-reader.js';
import { KeyedMutex } from './keyed-mutex.js';
import type { ProviderLog } from './log.js';
import type { AllowedSubnets } from './networks.js';
import type { AwsRuntimeOptions } from './options.js';
import type { AwsQuota } from './quota.js';
import type { VolumeReader } from './volume-reader.js';
import type { WaitTiming } from './wait.js';

/** What the operations of one session share: the EC2 client, the zone, the options and the readers. */
export interface SessionDeps {
  readonly ec2: Ec2Api;
  readonly zone: string;
  readonly options: AwsRuntimeOptions;
  readonly timing: WaitTiming;
  readonly reader: InstanceReader;
  readonly volumes: VolumeReader;
  readonly subnets: AllowedSubnets;
  readonly frontgates: FrontgateAddresses;
  readonly quota: AwsQuota;
  readonly log: ProviderLog;
}

/**
 * Serialises calls on one client token or one resource id within this process, across sessions:
 * EC2 makes a repeated create idempotent, but only this lock lets exactly one of several
 * concurrent calls report `created: true`.
 */
export const locks = new KeyedMutex();
