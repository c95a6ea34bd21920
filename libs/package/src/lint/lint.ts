import { CONFIG_JSON, type PackageFiles } from '../files.js';
import { modelOf, readPackageParts, type PackageModel } from '../model/read-package.js';
import { hasErrors, type PackageProblem } from '../problems.js';
import { attemptRender } from '../render/render.js';
import { checkFiles } from './file-rules.js';
import { checkConfigTemplates } from './handlebars-rules.js';
import { checkUnusedParams, checkUpgradePolicy } from './package-rules.js';
import { checkUnsupportedFields } from './unsupported-fields.js';

/** What lint may know beyond the package itself. */
export interface LintOptions {
  /** Versions of this package that exist in its repository, to check `upgradePolicy` against. */
  readonly knownVersions?: readonly string[];
}

/** A lint result: every problem, and the model when the package is usable (no errors). */
export interface Inspection {
  readonly model?: PackageModel;
  readonly problems: PackageProblem[];
}

/**
 * Checks a package completely and returns every problem at once (like `helm lint`): missing
 * files, bad JSON with line and column, schema violations of each file, defaults that break
 * their own rules or do not render, a rendered blueprint that breaks the blueprint schema
 * (duplicate roles, hooks naming unknown roles, custom actions without `type`), config templates
 * and scripts that are missing or broken, upgrade policies naming impossible versions, and fields
 * the platform does not act on.
 * Never throws on malformed input.
 */
export function inspectPackage(files: PackageFiles, options: LintOptions = {}): Inspection {
  const problems = checkFiles(files);
  const parts = readPackageParts(files);
  problems.push(...parts.problems);
  const { config, template, metadata } = parts;
  if (!config || !template) return { problems };
  const attempt = attemptRender({ config, template, files }, {}, { mode: 'defaults', file: CONFIG_JSON, keepGoing: true });
  problems.push(...attempt.problems);
  problems.push(...checkUnusedParams(config, template));
  const { blueprint } = attempt;
  if (blueprint) {
    const sources = blueprint.nodes.flatMap((role) => (role.configTemplates ?? []).map((source) => source.source));
    problems.push(...checkConfigTemplates(files, sources));
    problems.push(...checkUnsupportedFields(template, attempt.document, blueprint));
    if (metadata) problems.push(...checkUpgradePolicy(metadata, template.file, blueprint, options.knownVersions));
  }
  const model = modelOf(parts, files);
  return model && !hasErrors(problems) ? { model, problems } : { problems };
}

/** Every problem of a package, errors and warnings, in the order they were found. */
export function lintPackage(files: PackageFiles, options: LintOptions = {}): PackageProblem[] {
  return inspectPackage(files, options).problems;
}
