import { jobPayloadFromPackage } from '@pitrix/cluster-client';
import type { ClusterJobPayload, JobTarget } from '@pitrix/cluster-model';
import { isPitrixError, PitrixError } from '@pitrix/errors';
import type { PackageFiles } from '@pitrix/package';
import type { PackageRef } from './package-source.js';

/** A job's payload as the API stores it: the rendered package, its target, and where the package came from. */
export type StoredPayload = ClusterJobPayload & { readonly target: JobTarget; readonly source?: PackageRef };

/**
 * Renders a package with values for a job. Bad values are `PACKAGE.VALUES_INVALID` whose message
 * names every bad field by its JSON path (the problems carry the same paths).
 */
export function renderPayload(files: PackageFiles, values: Record<string, unknown>, previous?: Readonly<Record<string, unknown>>): ClusterJobPayload {
  try {
    const payload = jobPayloadFromPackage(files, values, previous ? { previous } : {});
    const blueprint = payload.blueprint as { name?: string; description?: string };
    return { ...payload, cluster: { name: blueprint.name ?? '', description: blueprint.description ?? '' } };
  } catch (err) {
    if (!isPitrixError(err) || err.code !== 'PACKAGE.VALUES_INVALID') throw err;
    const fields = err.problems.map((problem) => `${problem.path}: ${problem.message}`);
    throw new PitrixError('PACKAGE.VALUES_INVALID', `${fields.length} invalid value${fields.length === 1 ? '' : 's'}: ${fields.join('; ')}`, err.problems);
  }
}

/** `values` with `changes` merged in, objects key by key (arrays and scalars replaced). */
export function mergeValues(values: Readonly<Record<string, unknown>>, changes: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...values };
  for (const [key, change] of Object.entries(changes)) {
    const current = merged[key];
    merged[key] = isObject(current) && isObject(change) ? mergeValues(current, change) : change;
  }
  return merged;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
