export { startAlarmEvaluator } from './alarm-evaluator.js';
export type { AlarmEvaluator, AlarmEvaluatorDeps } from './alarm-evaluator.js';
export { judgeSamples, meetsCondition } from './alarm-judge.js';
export type { AlarmJudgement, JudgedSample } from './alarm-judge.js';
