import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the workflows come from: TypeScript sources (tests, dev) or the compiled package. */
export type WorkflowSource = 'typescript' | 'compiled';

const SOURCE_CONDITION = '@pitrix/source';

function workflowsPackageRoot(): string {
  return dirname(require.resolve('@pitrix/workflows/package.json'));
}

/**
 * Bundles the workflows (or, for tests, another workflows file) with Temporal's bundler. From TypeScript, workspace libraries resolve
 * through the `@pitrix/source` export condition, because the bundler ignores tsconfig paths.
 */
export async function bundleWorkflows(source: WorkflowSource, options: { workflowsPath?: string } = {}): Promise<WorkflowBundleWithSourceMap> {
  const root = workflowsPackageRoot();
  const workflowsPath = options.workflowsPath ?? (source === 'typescript' ? join(root, 'src', 'index.ts') : join(root, 'dist', 'index.js'));
  return bundleWorkflowCode({
    workflowsPath,
    logger: quietLogger,
    webpackConfigHook: (config) => {
      if (source === 'typescript') {
        config.resolve = { ...config.resolve, conditionNames: [SOURCE_CONDITION, 'require', 'node', 'default'] };
      }
      return config;
    },
  });
}

/** Path of the bundle written at build time, next to the compiled worker. */
export function prebuiltBundlePath(): string {
  return join(__dirname, 'workflows.bundle.js');
}

/** The prebuilt bundle if the build wrote one, otherwise undefined. */
export function loadPrebuiltBundle(): { code: string } | undefined {
  const path = prebuiltBundlePath();
  return existsSync(path) ? { code: readFileSync(path, 'utf8') } : undefined;
}

const quietLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
  log: () => undefined,
};
