export * from './gen/pitrix/agent/v1/command_pb.js';
export * from './gen/pitrix/agent/v1/error_pb.js';
export * from './gen/pitrix/agent/v1/status_pb.js';
export { decodeMessage, encodeMessage } from './codec.js';
export { assertToken, isToken } from './identifiers.js';
export type {
  ClusterDocument,
  ConfigTemplateEntry,
  DroneRegistration,
  HealthCheckSpec,
  HealthChecksDocument,
  HostDocument,
  LinkDocument,
  MonitorItemSpec,
  MonitorSpec,
  PackageFile,
} from './metadata-documents.js';
export { AGENTS_BUCKET, assertPackagePath, droneRegistrationKey, METADATA_BUCKET, metadataKeys, ROLELESS, roleToken } from './metadata-keys.js';
export type { HostSection } from './metadata-keys.js';
export { buildSelfView, filesFor, healthCheckFor, monitorFor, templatesFor, viewSubtree } from './metadata-view.js';
export type { HostsByRole, MetadataEntries, SelfView, ViewIdentity } from './metadata-view.js';
export { droneSubjects, frontgateSubjects, jetStreamDomain, parseDroneEventSubject } from './subjects.js';
export type { DroneSubjects, FrontgateSubjects } from './subjects.js';
export { fromWireError, toWireError } from './wire-error.js';
