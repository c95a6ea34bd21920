import { PitrixError } from '@pitrix/errors';
import type { PackageFiles } from '../files.js';
import { inspectPackage, type LintOptions } from '../lint/lint.js';
import { errorsOf, type PackageProblem } from '../problems.js';
import type { PackageModel } from './read-package.js';

/** A package accepted for use, with the warnings lint left. */
export interface ParsedPackage extends PackageModel {
  readonly warnings: PackageProblem[];
}

/**
 * Parses a package for use (upload, indexing, deploy): runs the full lint, including a render of
 * the defaults as OpenPitrix did at upload, and throws `PACKAGE.INVALID` with every error when
 * there is any.
 */
export function parsePackage(files: PackageFiles, options: LintOptions = {}): ParsedPackage {
  const inspection = inspectPackage(files, options);
  if (!inspection.model) {
    const errors = errorsOf(inspection.problems);
    throw new PitrixError('PACKAGE.INVALID', `the package is invalid: ${errors.length} problem${errors.length === 1 ? '' : 's'}`, errors);
  }
  return { ...inspection.model, warnings: inspection.problems };
}
