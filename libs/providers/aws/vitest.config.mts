import { defineProjectConfig } from '../../../infra/vitest/preset.mjs';

const config = defineProjectConfig({ kind: 'integration', temporal: false });

// The AWS SDK's package exports list a bundler-only `module` build (extensionless imports) before
// its `node` build; without the `module` condition vitest hands Node the build Node can load.
const conditions = (config.ssr?.resolve?.conditions ?? []).filter((condition) => condition !== 'module');

export default {
  ...config,
  resolve: { ...config.resolve, conditions },
  ssr: { ...config.ssr, resolve: { ...config.ssr?.resolve, conditions } },
};
