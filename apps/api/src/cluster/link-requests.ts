import type { ClusterJobPayload } from '@pitrix/cluster-model';
import { blueprintLinks } from '@pitrix/cluster-model';
import { parsePackage, serviceValues, type PackageFiles } from '@pitrix/package';

/** One cluster a request links to: where the id was given, the id, and which apps it may run. */
export interface LinkRequest {
  /** The config parameter (`cluster.kv_service`), or `links.<alias>` for a link the blueprint writes itself. */
  readonly path: string;
  readonly clusterId: string;
  /** The `service` parameter's `limits`: app (id or name) → versions (ids or versions; empty = any). */
  readonly limits?: Readonly<Record<string, readonly string[]>>;
}

/**
 * The clusters a rendered Pitrix package links to: every non-empty `service` value (with its
 * parameter's limits), and any blueprint link whose target no `service` value gave (a link
 * written into the blueprint is checked as well: ids are never trusted). Links already in
 * `previousLinks` (the cluster's current ones, on an update) are not asked for again, so a cluster
 * whose target was force-deleted can still change its other values.
 */
export function linkRequests(files: PackageFiles, payload: ClusterJobPayload, previousLinks: Readonly<Record<string, string>> = {}): LinkRequest[] {
  const kept = new Set(Object.values(previousLinks));
  const services = serviceValues(parsePackage(files).config, payload.values).filter((service) => service.clusterId !== '');
  const requests: LinkRequest[] = services.map((service) => ({ path: service.path, clusterId: service.clusterId, ...(service.limits ? { limits: service.limits } : {}) }));
  const given = new Set(requests.map((request) => request.clusterId));
  for (const [alias, clusterId] of Object.entries(blueprintLinks(payload.blueprint))) {
    if (!given.has(clusterId)) requests.push({ path: `links.${alias}`, clusterId });
  }
  return requests.filter((request) => !kept.has(request.clusterId));
}
