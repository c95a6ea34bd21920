export {
  CLUSTER_TEMPLATE,
  CLUSTER_TEMPLATE_APPCENTER,
  CONFIG_JSON,
  FILES_DIR,
  FILES_DIR_LIMITS,
  PACKAGE_JSON,
  decodeText,
  encodeText,
  findFile,
  isExecutable,
  templatePath,
} from './files.js';
export type { PackageFile, PackageFiles } from './files.js';
export { formatPath } from './json-path.js';
export { errorsOf, hasErrors } from './problems.js';
export type { PackageProblem } from './problems.js';
export { isSafeRelativePath } from './schema/common.js';
export { packageMetadataSchema, PACKAGE_NAME_PATTERN } from './schema/package-metadata.js';
export type { PackageMetadata } from './schema/package-metadata.js';
export { configSchema, configParamSchema, PARAM_TYPES } from './schema/config.js';
export type { ConfigParam, ConfigTree, ParamType } from './schema/config.js';
export { BUILTIN_SERVICES, SERVICE_TIMEOUT, serviceSchema } from './schema/service.js';
export type { BuiltinService, Service } from './schema/service.js';
export { roleSchema, configTemplateSchema } from './schema/role.js';
export type { Role } from './schema/role.js';
export type { HealthCheck, Monitor } from './schema/observability.js';
export { blueprintSchema } from './schema/blueprint.js';
export type { Blueprint } from './schema/blueprint.js';
export { packageJsonSchemas } from './schema/json-schema.js';
export { validateDocument } from './schema/validate.js';
export { readPackageMetadata } from './model/read-package.js';
export type { PackageModel } from './model/read-package.js';
export { parsePackage } from './model/parse-package.js';
export type { ParsedPackage } from './model/parse-package.js';
export { defaultValues, resolveValues } from './values/resolve.js';
export type { ResolvedValues, ResolveOptions, Values } from './values/resolve.js';
export { serviceValues } from './values/service-values.js';
export type { ServiceValue } from './values/service-values.js';
export { compileTemplate, renderTemplate } from './render/template.js';
export type { BlueprintTemplate } from './render/template.js';
export { renderBlueprint } from './render/render.js';
export type { RenderedBlueprint } from './render/render.js';
export { inspectPackage, lintPackage } from './lint/lint.js';
export type { Inspection, LintOptions } from './lint/lint.js';
export { archiveName, buildRepoIndex, newestFirst } from './repo-index/build.js';
export type { IndexItem } from './repo-index/build.js';
export { parseRepoIndex, serializeRepoIndex } from './repo-index/yaml.js';
export type { RepoIndex, RepoIndexEntry } from './repo-index/schema.js';
export { createSkeleton } from './skeleton.js';
export { compactNode } from './form/form-node.js';
export type { FormNode, FormView } from './form/form-node.js';
export { configForm } from './form/config-form.js';
export {
  CHART_TESTS_DIR,
  CHART_YAML,
  TEMPLATES_DIR,
  VALUES_SCHEMA_JSON,
  VALUES_YAML,
  chartMetadataOf,
  packageKindOf,
  readChart,
} from './chart/read-chart.js';
export type { Chart, ChartMaintainer, ChartMetadata, PackageKind } from './chart/read-chart.js';
export { CHART_NAME_PATTERN, lintChart, SEMVER2_PATTERN } from './chart/lint-chart.js';
export { chartForm, chartReadOnlyPaths } from './chart/chart-form.js';
