import { defineProjectConfig } from '../vitest/preset.mjs';

export default defineProjectConfig({ kind: 'unit' });
