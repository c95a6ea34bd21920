import { formatPath } from '../json-path.js';
import type { ConfigParam, ConfigTree } from '../schema/config.js';
import type { Values } from './resolve.js';

/** One `service` parameter of config.json with the value it has in a set of resolved values. */
export interface ServiceValue {
  /** The parameter's path as users write it, e.g. `cluster.kv_service`. */
  readonly path: string;
  /** The cluster id given, or `""` when the optional link is left empty. */
  readonly clusterId: string;
  /** Which apps (keys) and versions (lists; empty = any) the linked cluster may run; absent = any app. */
  readonly limits?: Readonly<Record<string, readonly string[]>>;
  readonly changeable: boolean;
}

/**
 * Every `service` parameter of `config` with its value in `values` (values as `resolveValues`
 * returns them: the tree mirrors config.json). A value that is not a string reads as empty; the
 * values check has already reported it.
 */
export function serviceValues(config: ConfigTree, values: Values): ServiceValue[] {
  const found: ServiceValue[] = [];
  const walk = (params: readonly ConfigParam[], group: unknown, path: string[]) => {
    const own = typeof group === 'object' && group !== null ? (group as Record<string, unknown>) : {};
    for (const param of params) {
      const here = [...path, param.key];
      if (param.type === 'array') walk(param.properties ?? [], own[param.key], here);
      if (param.type !== 'service') continue;
      const value = own[param.key];
      found.push({ path: formatPath(here), clusterId: typeof value === 'string' ? value.trim() : '', ...(param.limits ? { limits: param.limits } : {}), changeable: param.changeable !== false });
    }
  };
  walk(config.properties, values, []);
  return found;
}
