import { defineProjectConfig } from '../vitest/preset.mjs';

// Integration: the readiness tests run the built API and worker against the shared Temporal server.
export default defineProjectConfig({ kind: 'integration' });
