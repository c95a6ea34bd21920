import type { ResultOf } from '../../graphql.js';
import type { RUNTIME_HEALING_FRAGMENT } from './runtime-documents.js';

export type RuntimeHealingView = ResultOf<typeof RUNTIME_HEALING_FRAGMENT>;
