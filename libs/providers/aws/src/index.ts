export { AwsProvider } from './provider.js';
export type { AwsProviderConfig } from './provider-config.js';
export { AWS_OPTION_FIELDS, parseAwsOptions } from './options.js';
export type { AwsRuntimeOptions } from './options.js';
export { DEFAULT_INSTANCE_TYPES, chooseInstanceType } from './instance-types.js';
export type { InstanceTypeSize } from './instance-types.js';
export { STATE_MAP } from './instance-view.js';
export { EC2_ERROR_CODES, mapEc2Error } from './ec2-errors.js';
export { renderUserData } from './user-data.js';
