import { defineProjectConfig } from '../../infra/vitest/preset.mjs';

export default defineProjectConfig({ kind: 'integration' });
