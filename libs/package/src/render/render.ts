import { PitrixError } from '@pitrix/errors';
import { checkBlueprintFiles } from '../model/blueprint-files.js';
import type { PackageModel } from '../model/read-package.js';
import { errorsOf, hasErrors, type PackageProblem } from '../problems.js';
import { blueprintSchema, type Blueprint } from '../schema/blueprint.js';
import { validateDocument } from '../schema/validate.js';
import { resolveValues, type ResolveOptions, type Values } from '../values/resolve.js';
import { renderTemplate } from './template.js';

/** A rendered, validated blueprint with the values it was rendered from and any warnings. */
export interface RenderedBlueprint {
  readonly values: Values;
  readonly blueprint: Blueprint;
  readonly warnings: PackageProblem[];
}

/** Everything a render produced, valid or not: lint uses it to report every problem at once. */
export interface RenderAttempt {
  readonly values: Values;
  readonly blueprint?: Blueprint;
  /** The rendered document as written (snake_case or camelCase keys), before validation. */
  readonly document?: unknown;
  readonly stage: 'values' | 'render' | 'done';
  readonly problems: PackageProblem[];
}

/** What rendering needs from a package. */
export type RenderSource = Pick<PackageModel, 'config' | 'template' | 'files'>;

/**
 * Resolves the values, renders the template with them and validates the result against the
 * blueprint schema and the package's files. Stops after bad values unless `keepGoing` (lint,
 * which wants every problem at once).
 */
export function attemptRender(model: RenderSource, input: unknown, options: ResolveOptions & { keepGoing?: boolean } = {}): RenderAttempt {
  const resolved = resolveValues(model.config, input, options);
  if (hasErrors(resolved.problems) && !options.keepGoing) return { values: resolved.values, stage: 'values', problems: resolved.problems };
  const rendered = renderTemplate(model.template, resolved.values);
  const problems = [...resolved.problems, ...rendered.problems];
  if (hasErrors(rendered.problems) && !options.keepGoing) return { values: resolved.values, stage: 'render', problems };
  const { template } = model;
  const reported = new Set(rendered.offsets);
  const validated = validateDocument(blueprintSchema, rendered.value, { file: template.file, tree: template.tree, text: template.text, reported });
  problems.push(...validated.problems);
  problems.push(...checkBlueprintFiles(rendered.value, template, model.files));
  const blueprint = hasErrors(problems) ? undefined : validated.value;
  return { values: resolved.values, blueprint, document: rendered.value, stage: blueprint ? 'done' : 'render', problems };
}

/**
 * Renders the blueprint for deploying (or, with `previous`, updating) a cluster. Throws
 * `PACKAGE.VALUES_INVALID` with every bad value, or `PACKAGE.RENDER_FAILED` with every problem of
 * the rendered blueprint (unknown references, schema violations).
 */
export function renderBlueprint(model: PackageModel, input: unknown, options: ResolveOptions = {}): RenderedBlueprint {
  const attempt = attemptRender(model, input, options);
  if (attempt.blueprint) return { values: attempt.values, blueprint: attempt.blueprint, warnings: attempt.problems };
  const errors = errorsOf(attempt.problems);
  if (attempt.stage === 'values') {
    throw new PitrixError('PACKAGE.VALUES_INVALID', `${errors.length} invalid value${errors.length === 1 ? '' : 's'}`, errors);
  }
  throw new PitrixError('PACKAGE.RENDER_FAILED', `the blueprint of ${model.metadata.name} ${model.metadata.version} did not render: ${errors.length} problem${errors.length === 1 ? '' : 's'}`, errors);
}
