export { HelmCli } from './helm-cli.js';
export type { HelmCallOptions, HelmChartFile, HelmOutput } from './helm-cli.js';
export { helmTemplateError, LINT_TARGET, lintChartWithHelm, parseSchemaErrors, pointerToPath, renderChart, toHelmChartFiles, trimHelmMessage } from './chart-render.js';
export type { ChartFileInput, ChartRenderTarget } from './chart-render.js';
export { isHook, isTestHook, isWorkloadKind, parseManifests, podSelectorOf, replicasOf, workloadsOf } from './manifest.js';
export type { ManifestObject, WorkloadKind, WorkloadRef } from './manifest.js';
