import { CLUSTER_TEMPLATE, CLUSTER_TEMPLATE_APPCENTER, CONFIG_JSON, findFile, PACKAGE_JSON, templatePath, type PackageFiles } from '../files.js';
import { readJsonFile } from '../json/read-json.js';
import { error, type PackageProblem } from '../problems.js';
import { compileTemplate, type BlueprintTemplate } from '../render/template.js';
import { configSchema, type ConfigTree } from '../schema/config.js';
import { packageMetadataSchema, type PackageMetadata } from '../schema/package-metadata.js';
import { validateDocument } from '../schema/validate.js';
import type { z } from 'zod';

/**
 * A package that parsed: its metadata, its parameter tree, its compiled blueprint template and
 * all of its files (`files/`, config templates, locale, README...).
 */
export interface PackageModel {
  readonly metadata: PackageMetadata;
  readonly config: ConfigTree;
  readonly template: BlueprintTemplate;
  readonly files: PackageFiles;
}

/** The three parts read from a package, each present only when it parsed and validated. */
export interface PackageParts {
  readonly metadata?: PackageMetadata;
  readonly config?: ConfigTree;
  readonly template?: BlueprintTemplate;
  readonly problems: PackageProblem[];
}

/**
 * Reads package.json, config.json and the blueprint template from the files, collecting every
 * problem: a missing file, invalid UTF-8, bad JSON (line and column), a duplicate key, a schema
 * violation. No file is rendered here.
 */
export function readPackageParts(files: PackageFiles): PackageParts {
  const problems: PackageProblem[] = [];
  const metadata = readDocument(files, PACKAGE_JSON, packageMetadataSchema, problems);
  const config = readDocument(files, CONFIG_JSON, configSchema, problems);
  const path = templatePath(files);
  let template: BlueprintTemplate | undefined;
  if (path === undefined) {
    problems.push(error(CLUSTER_TEMPLATE, '$', 'file.missing', `the package has no ${CLUSTER_TEMPLATE} (or ${CLUSTER_TEMPLATE_APPCENTER})`));
  } else {
    if (path === CLUSTER_TEMPLATE && findFile(files, CLUSTER_TEMPLATE_APPCENTER)) {
      problems.push(error(CLUSTER_TEMPLATE_APPCENTER, '$', 'file.ambiguous_template', `both ${CLUSTER_TEMPLATE} and ${CLUSTER_TEMPLATE_APPCENTER} exist; keep one`));
    }
    const compiled = compileTemplate(path, (findFile(files, path) as { bytes: Uint8Array }).bytes);
    problems.push(...compiled.problems);
    template = compiled.template;
  }
  return { metadata, config, template, problems };
}

/** Builds the model when all three parts are valid. */
export function modelOf(parts: PackageParts, files: PackageFiles): PackageModel | undefined {
  const { metadata, config, template } = parts;
  return metadata && config && template ? { metadata, config, template, files } : undefined;
}

function readDocument<S extends z.ZodType>(files: PackageFiles, name: string, schema: S, problems: PackageProblem[]): z.output<S> | undefined {
  const file = findFile(files, name);
  if (!file) {
    problems.push(error(name, '$', 'file.missing', `the package has no ${name}`));
    return undefined;
  }
  const read = readJsonFile(name, file.bytes);
  problems.push(...read.problems);
  if (read.value === undefined) return undefined;
  const validated = validateDocument(schema, read.value, { file: name, tree: read.tree, text: read.text });
  problems.push(...validated.problems);
  return read.problems.length === 0 ? validated.value : undefined;
}

/** Parses only package.json (what a repository index needs), throwing nothing. */
export function readPackageMetadata(bytes: Uint8Array): { metadata?: PackageMetadata; problems: PackageProblem[] } {
  const read = readJsonFile(PACKAGE_JSON, bytes);
  if (read.value === undefined) return { problems: read.problems };
  const validated = validateDocument(packageMetadataSchema, read.value, { file: PACKAGE_JSON, tree: read.tree, text: read.text });
  const problems = [...read.problems, ...validated.problems];
  return { metadata: problems.length === 0 ? validated.value : undefined, problems };
}
