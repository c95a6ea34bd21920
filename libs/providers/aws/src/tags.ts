import type { Filter, ResourceType, Tag, TagSpecification } from '@aws-sdk/client-ec2';
import { PitrixError, type Problem } from '@pitrix/errors';

/** Tags the provider puts on what it creates; request tags may not use the `pitrix:` prefix. */
export const TAG = {
  name: 'Name',
  managed: 'pitrix:managed',
  clientToken: 'pitrix:client-token',
  agent: 'pitrix:agent',
  cpu: 'pitrix:cpu',
  memoryMiB: 'pitrix:memory-mib',
  gpu: 'pitrix:gpu',
  mountPoint: 'pitrix:mount-point',
  frontgateAddress: 'pitrix:frontgate-address',
} as const;

/** EC2 tag list → record. */
export function tagRecord(tags: readonly Tag[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).filter((tag) => tag.Key !== undefined).map((tag) => [tag.Key as string, tag.Value ?? '']));
}

/** The tags a caller gave, without the provider's own (`Name` and `pitrix:*`). */
export function callerTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([key]) => key !== TAG.name && !key.startsWith('pitrix:')));
}

/** A `TagSpecifications` entry tagging the resource as it is created (no window where it is untagged). */
export function tagSpec(resourceType: ResourceType, tags: Readonly<Record<string, string>>): TagSpecification {
  return { ResourceType: resourceType, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
}

/** Describe filters selecting resources by tag (`tag:<key>` = value, matched literally). */
export function tagFilters(tags: Readonly<Record<string, string>>): Filter[] {
  return Object.entries(tags).map(([key, value]) => ({ Name: `tag:${key}`, Values: [literal(value)] }));
}

/** A filter value that matches itself only: EC2 filter values treat `*` and `?` as wildcards unless escaped with `\`. */
export function literal(value: string): string {
  return value.replace(/[\\*?]/g, (c) => `\\${c}`);
}

/**
 * Checks request tags against EC2's tag rules (at most 50 per resource with ours, keys up to 128
 * characters and values up to 256) and keeps the `pitrix:` and `aws:` prefixes for the provider
 * and AWS. Tag values are not secrets, so problems may show them.
 */
export function checkCallerTags(tags: Readonly<Record<string, string>> | undefined): void {
  const problems: Problem[] = [];
  const entries = Object.entries(tags ?? {});
  if (entries.length > 40) problems.push({ path: 'tags', message: 'too many tags', expected: '<= 40', found: entries.length });
  for (const [key, value] of entries) {
    if (key === TAG.name || key.startsWith('pitrix:') || key.toLowerCase().startsWith('aws:')) {
      problems.push({ path: `tags.${key}`, message: 'reserved tag key', expected: 'a key without the Name, pitrix: or aws: prefix', found: key });
    }
    if (key.length === 0 || key.length > 128) problems.push({ path: `tags.${key}`, message: 'key must have 1 to 128 characters', found: key });
    if (value.length > 256) problems.push({ path: `tags.${key}`, message: 'value must have at most 256 characters', found: value.length });
  }
  if (problems.length > 0) throw new PitrixError('INPUT.INVALID', 'Invalid tags', problems);
}
