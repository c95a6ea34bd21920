// The form shape has one home, shared by config.json packages and Helm charts: @pitrix/package.
export { configForm } from '@pitrix/package';
export type { FormNode, FormView } from '@pitrix/package';
