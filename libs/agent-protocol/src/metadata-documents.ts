/**
 * The documents stored in a network's metadata bucket. Field names of hosts and clusters are
 * OpenPitrix/metad's, so confd-style templates written for those keep working.
 */

/** One node as templates see it (`host`, `hosts.<role>.<node_id>`). */
export interface HostDocument {
  readonly node_id: string;
  readonly ip: string;
  readonly role: string;
  readonly sid: number;
  readonly gid: number;
  readonly instance_id?: string;
  readonly cpu?: number;
  readonly memory?: number;
  readonly gpu?: number;
  readonly volume_size?: number;
  readonly pub_key?: string;
  readonly token?: string;
  readonly [field: string]: unknown;
}

/** The cluster as templates see it (`cluster`). */
export interface ClusterDocument {
  readonly cluster_id: string;
  readonly [field: string]: unknown;
}

/** A config file the drones of a role keep rendered: the template text and where it goes. */
export interface ConfigTemplateEntry {
  readonly name: string;
  /** Path of the template inside the package (for messages only). */
  readonly source?: string;
  /** The Handlebars template text. */
  readonly content: string;
  /** Absolute, or relative to the node's data folder. */
  readonly destination: string;
  /** Run after the file changed (not when it is first created). */
  readonly reloadCmd?: string;
  /** Octal file mode, e.g. "0644". */
  readonly mode?: string;
}

/** A role's health check, as the package declares it. */
export interface HealthCheckSpec {
  readonly checkCmd: string;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  /** Consecutive successes that make an unknown or unhealthy node healthy. */
  readonly healthyThreshold: number;
  /** Consecutive failures that make a node unhealthy. */
  readonly unhealthyThreshold: number;
  /** Run once each time the node turns unhealthy. */
  readonly actionCmd?: string;
  readonly actionTimeoutSeconds?: number;
  readonly user?: string;
}

/** A monitor item the drone keeps from the monitor command's output, with its value type. */
export interface MonitorItemSpec {
  readonly name: string;
  /** `int` values are numbers, `str` values text. */
  readonly valueType: 'int' | 'str';
}

/** A role's monitor, as the package declares it: `cmd` prints a JSON object of the items. */
export interface MonitorSpec {
  readonly cmd: string;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly user?: string;
  readonly items: readonly MonitorItemSpec[];
}

/**
 * Whether a cluster's health checks run. The platform pauses them while a job changes the cluster
 * (a check failing mid-job would run its action, e.g. restart a server the job is stopping) and
 * while the cluster is not active; absent means they run.
 */
export interface HealthChecksDocument {
  readonly paused: boolean;
  /** Why they are paused, for people reading the metadata. */
  readonly reason: string;
}

/** One file of the package's `files/` folder, delivered to `$PITRIX_DATA_DIR/app/<path>`. */
export interface PackageFile {
  /** Relative path below `app/`, with `/` separators, no `..`. */
  readonly path: string;
  /** Unix permission bits, e.g. 0o755. */
  readonly mode: number;
  readonly contentBase64: string;
}

/** A link to another cluster of the same network, shown as `links.<alias>`. */
export interface LinkDocument {
  readonly cluster_id: string;
}

/** A drone's public key registered with its frontgate, which lets it connect. */
export interface DroneRegistration {
  readonly nodeId: string;
  readonly clusterId: string;
  readonly publicKey: string;
}
