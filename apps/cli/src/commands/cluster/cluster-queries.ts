import { PitrixError } from '@pitrix/errors';
import { resolve } from 'node:path';
import { parseJsonOption } from '../../json-option.js';

/** GraphQL fields of a cluster. */
export const CLUSTER_FIELDS = 'id name description appId versionId runtimeId status transitionStatus statusReason statusMessage lastJobId failedJobId owner createdAt updatedAt';

/** A cluster as the commands print it. */
export interface ClusterView {
  id: string;
  name: string;
  description: string;
  appId: string;
  versionId: string;
  runtimeId: string;
  status: string;
  transitionStatus: string;
  statusReason: string;
  statusMessage: string;
  lastJobId: string | null;
  failedJobId: string | null;
  owner: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Values from `--values` (inline JSON, @file or -) with `--set a.b=value` applied over them
 * (a value that parses as JSON is taken as such, otherwise as a string).
 */
export function valuesFrom(opts: { values?: string; set?: string[] }): Record<string, unknown> {
  const values = opts.values ? parseJsonOption(opts.values, '--values') : {};
  for (const assignment of opts.set ?? []) {
    const separator = assignment.indexOf('=');
    if (separator <= 0) throw new Error(`--set: expected path=value, got ${JSON.stringify(assignment)}`);
    const path = assignment.slice(0, separator).split('.');
    const raw = assignment.slice(separator + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // not JSON: the text itself
    }
    let node = values;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      node = (typeof next === 'object' && next !== null && !Array.isArray(next) ? next : (node[key] = {})) as Record<string, unknown>;
    }
    node[path.at(-1) as string] = value;
  }
  return values;
}

/**
 * The package reference of `--package` or `--version` (`--app-version`). A package path is made absolute here:
 * the API reads it, on the same machine (a developer's loop, like `helm install ./chart`).
 */
export function packageFrom(opts: { package?: string; version?: string; appVersion?: string }): { packageUrl?: string; appVersionId?: string } {
  if (opts.version && opts.appVersion && opts.version !== opts.appVersion) {
    throw new PitrixError('INPUT.INVALID', '--version and --app-version name different versions; give one', [{ path: '--version', message: 'conflicts with --app-version', found: opts.version }]);
  }
  const isUrl = opts.package !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(opts.package);
  return { packageUrl: opts.package && !isUrl ? resolve(opts.package) : opts.package, appVersionId: opts.version ?? opts.appVersion };
}
