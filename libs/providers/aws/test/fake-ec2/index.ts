export { FakeEc2, type FakeEc2Options, type InjectedFault, type RecordedCall } from './server.js';
export type { FakeAccessKey } from './signature.js';
