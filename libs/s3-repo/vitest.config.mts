import { defineProjectConfig } from '../../infra/vitest/preset.mjs';

// Integration tests against the project's S3 server; they need no Temporal.
export default defineProjectConfig({ kind: 'integration', temporal: false });
