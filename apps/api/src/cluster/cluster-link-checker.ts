import { Inject, Injectable } from '@nestjs/common';
import { ClusterReadModel, type ClusterRow } from '@pitrix/cluster-store';
import { isPitrixError, PitrixError, type Problem } from '@pitrix/errors';
import { canSee, type Caller } from '../access/index.js';
import type { LinkRequest } from './link-requests.js';
import { CLUSTER_PACKAGE_SOURCE, type ClusterPackageSource } from './package-source.js';

/** Where the linking cluster is, or must go: a known runtime and network must be the targets' too. */
export interface LinkSite {
  /** The cluster itself (an update): it may not link to itself. */
  readonly clusterId?: string;
  readonly runtimeId?: string;
  /** Absent while the cluster is not placed (a create): it will be placed in the targets' network. */
  readonly networkId?: string;
}

/** The runtime and network every linked cluster shares: where a new linking cluster must go. */
export interface LinkPlacement {
  /** The first linked cluster, named in the placement's reason. */
  readonly clusterId: string;
  readonly runtimeId: string;
  readonly networkId: string;
}

const GONE: ReadonlySet<string> = new Set(['deleted', 'ceased']);

/**
 * Checks the clusters a create or update links to, before anything is written. Each must be a
 * cluster the caller may see that still lives (`CLUSTER.LINK_TARGET_NOT_FOUND`), already placed,
 * on the same runtime and network as the linking cluster (its drones read only their network's
 * metadata), and running an app and version its parameter's `limits` allow
 * (`CLUSTER.LINK_NOT_ALLOWED`). Every problem is reported at once, each at the parameter's path.
 */
@Injectable()
export class ClusterLinkChecker {
  constructor(
    private readonly reads: ClusterReadModel,
    @Inject(CLUSTER_PACKAGE_SOURCE) private readonly packages: ClusterPackageSource,
  ) {}

  /** The targets' shared runtime and network, or undefined when nothing is linked. */
  async check(caller: Caller, requests: readonly LinkRequest[], site: LinkSite): Promise<LinkPlacement | undefined> {
    const problems: Problem[] = [];
    const targets: Array<{ request: LinkRequest; row: ClusterRow }> = [];
    for (const request of requests) {
      const row = await this.visible(caller, request.clusterId);
      const found = (message: string) => problems.push({ path: request.path, code: 'CLUSTER.LINK_TARGET_NOT_FOUND', message, found: request.clusterId });
      const refuse = (message: string, expected?: string, found: unknown = request.clusterId) => problems.push({ path: request.path, code: 'CLUSTER.LINK_NOT_ALLOWED', message, ...(expected ? { expected } : {}), found });
      if (!row) found(`cluster ${request.clusterId} does not exist or you may not see it`);
      else if (GONE.has(row.status)) found(`cluster ${request.clusterId} is ${row.status}`);
      else if (row.id === site.clusterId) refuse('a cluster cannot link to itself');
      else if (site.runtimeId && row.runtimeId !== site.runtimeId) refuse(`cluster ${row.id} runs on runtime ${row.runtimeId}, not on ${site.runtimeId}`, `a cluster on runtime ${site.runtimeId}`, row.runtimeId);
      else if (!row.networkId) refuse(`cluster ${row.id} is not placed in a network yet; wait for its create job`);
      else if (site.networkId && row.networkId !== site.networkId) refuse(`cluster ${row.id} is in network ${row.networkId}, not in ${site.networkId}`, `a cluster in network ${site.networkId}`, row.networkId);
      else {
        const limit = await this.limitProblem(request, row);
        if (limit) refuse(limit.message, limit.expected, limit.found);
        else targets.push({ request, row });
      }
    }
    const [first, ...others] = targets;
    for (const other of others) {
      if (first && (other.row.runtimeId !== first.row.runtimeId || other.row.networkId !== first.row.networkId)) {
        problems.push({ path: other.request.path, code: 'CLUSTER.LINK_NOT_ALLOWED', message: `cluster ${other.row.id} is not in the runtime and network of ${first.row.id} (${first.request.path}): a cluster's links share one network`, found: other.request.clusterId });
      }
    }
    if (problems.length > 0) {
      const code = problems.some((problem) => problem.code === 'CLUSTER.LINK_TARGET_NOT_FOUND') ? 'CLUSTER.LINK_TARGET_NOT_FOUND' : 'CLUSTER.LINK_NOT_ALLOWED';
      throw new PitrixError(code, `${problems.length} invalid link${problems.length === 1 ? '' : 's'}: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`, problems);
    }
    return first ? { clusterId: first.row.id, runtimeId: first.row.runtimeId, networkId: first.row.networkId as string } : undefined;
  }

  /** The cluster when it exists and the caller may see it (what the caller may not see does not exist for it). */
  private async visible(caller: Caller, clusterId: string): Promise<ClusterRow | undefined> {
    try {
      const row = await this.reads.cluster(clusterId);
      return canSee(caller, row.ownerPath) ? row : undefined;
    } catch (err) {
      if (isPitrixError(err) && err.code === 'CLUSTER.NOT_FOUND') return undefined;
      throw err;
    }
  }

  /**
   * Why the target's app or version is not one the limits allow, if it is not. A key of `limits`
   * is an app id or an app name; a version in its list is a version id or a version (`1.2.0`);
   * an empty list allows every version; no limits allow every app.
   */
  private async limitProblem(request: LinkRequest, row: ClusterRow): Promise<{ message: string; expected: string; found: string } | undefined> {
    const limits = request.limits;
    if (!limits || Object.keys(limits).length === 0) return undefined;
    const identity = await this.packages.appIdentity(row.appId, row.versionId);
    const app = identity.appName ? `${row.appId} (${identity.appName})` : row.appId;
    const key = Object.keys(limits).find((candidate) => candidate === row.appId || candidate === identity.appName);
    if (key === undefined) return { message: `cluster ${row.id} runs app ${app}, which this parameter does not allow`, expected: `an app of ${Object.keys(limits).join(', ')}`, found: app };
    const versions = limits[key] ?? [];
    if (versions.length === 0 || versions.some((version) => version === row.versionId || version === identity.version)) return undefined;
    const version = identity.version ? `${row.versionId} (${identity.version})` : row.versionId;
    return { message: `cluster ${row.id} runs version ${version} of ${key}, which this parameter does not allow`, expected: `a version of ${versions.join(', ')}`, found: version };
  }
}
