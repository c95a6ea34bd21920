import { compare, valid } from 'semver';
import { CONFIG_JSON } from '../files.js';
import { error, warning, type PackageProblem } from '../problems.js';
import { templateReferences, type BlueprintTemplate } from '../render/template.js';
import type { Blueprint } from '../schema/blueprint.js';
import type { ConfigParam, ConfigTree } from '../schema/config.js';
import type { PackageMetadata } from '../schema/package-metadata.js';
import { formatPath } from '../json-path.js';

/**
 * `upgradePolicy` lists the versions that may upgrade to this one: each must be a semantic
 * version older than this package's, and one the repository has when its versions are known.
 */
export function checkUpgradePolicy(metadata: PackageMetadata, file: string, blueprint: Blueprint, knownVersions?: readonly string[]): PackageProblem[] {
  const own = metadata.version;
  return (blueprint.upgradePolicy ?? []).flatMap((version, index): PackageProblem[] => {
    const path = formatPath(['upgradePolicy', index]);
    if (valid(version) !== version) return [error(file, path, 'upgrade.invalid_version', 'is not a semantic version', { expected: 'a version such as 1.0.0', found: version })];
    if (compare(version, own) >= 0) return [error(file, path, 'upgrade.not_older', `a version that upgrades to ${own} must be older than it`, { expected: `< ${own}`, found: version })];
    if (knownVersions && !knownVersions.includes(version)) {
      return [error(file, path, 'upgrade.unknown_version', `${metadata.name} ${version} does not exist`, { expected: `one of ${knownVersions.join(', ') || '(none)'}`, found: version })];
    }
    return [];
  });
}

/** A parameter the template never uses would be stored and ignored: reported as a warning. */
export function checkUnusedParams(config: ConfigTree, template: BlueprintTemplate): PackageProblem[] {
  const refs = templateReferences(template).map((ref) => ref.ref);
  const used = (path: string) => refs.some((ref) => ref === path || ref.startsWith(`${path}.`) || path.startsWith(`${ref}.`));
  const problems: PackageProblem[] = [];
  const walk = (params: readonly ConfigParam[], prefix: string[]) => {
    for (const param of params) {
      const path = [...prefix, param.key];
      if (param.type === 'array') walk(param.properties ?? [], path);
      else if (!used(path.join('.'))) problems.push(warning(CONFIG_JSON, formatPath(path), 'config.unused', `no placeholder in ${template.file} uses this parameter`));
    }
  };
  walk(config.properties, []);
  return problems;
}
