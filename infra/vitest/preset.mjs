// @ts-check
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const SOURCE_CONDITION = '@pitrix/source';
const require = createRequire(import.meta.url);
/**
 * graphql ships a CommonJS and an ES build without an exports map; Node (and so NestJS) loads the
 * CommonJS one while Vite would pick the ES one for our sources, giving two GraphQLScalarType
 * classes in one process. Pin our sources to the same build Node uses.
 */
const graphqlAlias = { find: /^graphql$/, replacement: require.resolve('graphql') };
const globalSetup = fileURLToPath(new URL('../../libs/testing/src/global-setup.ts', import.meta.url));

/**
 * The vitest configuration every Pitrix project uses. Workspace libraries resolve to their
 * TypeScript sources. `integration` projects run one file at a time in forked processes (the
 * Temporal native bridge does not survive worker threads) against one shared Temporal server.
 *
 * @param {{ kind: 'unit' | 'integration', temporal?: boolean, timeoutMs?: number }} options
 */
export function defineProjectConfig(options) {
  const integration = options.kind === 'integration';
  // No 'module' condition: some packages (the AWS SDK) publish ES builds under it that Node cannot load.
  const conditions = [SOURCE_CONDITION, 'node', 'development|production'];
  return defineConfig({
    resolve: { conditions, alias: [graphqlAlias] },
    ssr: { resolve: { conditions } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      pool: 'forks',
      isolate: true,
      fileParallelism: !integration,
      testTimeout: options.timeoutMs ?? (integration ? 120_000 : 10_000),
      hookTimeout: integration ? 180_000 : 10_000,
      globalSetup: integration && options.temporal !== false ? [globalSetup] : [],
      reporters: ['default'],
    },
  });
}
