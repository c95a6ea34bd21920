/** Injection token of the parsed API configuration. */
export const API_CONFIG = Symbol('API_CONFIG');
/** Injection token of the TypeORM DataSource. */
export const DATA_SOURCE = Symbol('DATA_SOURCE');
/** Injection token of the Temporal client. */
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
/** Injection token of the NATS hub connection. */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
/** Injection token of the runtime provider registry. */
export const PROVIDER_REGISTRY = Symbol('PROVIDER_REGISTRY');
/** Injection token of the secret box that seals credentials. */
export const SECRET_BOX = Symbol('SECRET_BOX');
/** Injection token of the helm binary's runner (`PITRIX_HELM_BINARY`): charts are linted, rendered and reviewed with it. */
export const HELM_CLI = Symbol('HELM_CLI');
