/** Instance states and their numeric codes, as EC2's `InstanceState` reports them. */
export const INSTANCE_STATE_CODES = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
} as const;

/** One of EC2's instance state names. */
export type InstanceStateName = keyof typeof INSTANCE_STATE_CODES;

/** An instance the fake runs. */
export interface FakeInstance {
  readonly id: string;
  readonly reservationId: string;
  readonly region: string;
  readonly zone: string;
  readonly subnetId: string;
  readonly vpcId: string;
  readonly imageId: string;
  instanceType: string;
  readonly privateIp: string;
  readonly clientToken?: string;
  readonly keyName?: string;
  readonly securityGroupIds: readonly string[];
  /** Base64 user-data exactly as received. */
  readonly userData?: string;
  state: InstanceStateName;
  readonly launchTime: string;
  /** When DescribeInstances starts to show it (EC2's eventual consistency after a launch). */
  readonly visibleAt: number;
  readonly tags: Map<string, string>;
  readonly rootDeviceName: string;
  readonly networkInterfaceId: string;
  terminatedAt?: number;
  /** Terminated long enough ago that EC2 no longer shows it (its client token is still remembered). */
  purged?: boolean;
}

/** EC2 volume states (`VolumeState`). */
export type VolumeStateName = 'creating' | 'available' | 'in-use' | 'deleting';

/** A volume attachment (`VolumeAttachment`), with its own state. */
export interface FakeAttachment {
  readonly instanceId: string;
  readonly device: string;
  state: 'attaching' | 'attached' | 'detaching';
  readonly attachTime: string;
  readonly deleteOnTermination: boolean;
}

/** A volume modification in progress (`VolumeModification`). */
export interface FakeModification {
  state: 'modifying' | 'optimizing' | 'completed';
  readonly originalSize: number;
  readonly targetSize: number;
}

/** An EBS volume the fake holds. */
export interface FakeVolume {
  readonly id: string;
  readonly region: string;
  readonly zone: string;
  size: number;
  readonly volumeType: string;
  state: VolumeStateName;
  attachment?: FakeAttachment;
  modification?: FakeModification;
  /** When the volume's recent modifications started (EC2 limits how many a day). */
  modifiedAt?: number[];
  readonly createTime: string;
  readonly tags: Map<string, string>;
}

/** An elastic network interface the fake holds. */
export interface FakeNetworkInterface {
  readonly id: string;
  readonly region: string;
  readonly zone: string;
  readonly subnetId: string;
  readonly vpcId: string;
  readonly privateIp: string;
  readonly description: string;
  readonly groups: readonly string[];
  readonly tags: Map<string, string>;
  /** Interfaces created with the instance are deleted with it; ones created apart survive it. */
  readonly ownedByInstance: boolean;
  attachment?: { readonly instanceId: string; readonly deviceIndex: number; readonly deleteOnTermination: boolean };
}
