import type { AnyRuntimeProvider, ProviderOptionType as ContractOptionType } from '@pitrix/provider-contract';
import type { CredentialEntity, RuntimeEntity } from '@pitrix/runtime-store';
import { toPairs } from '@pitrix/selectors';
import type { Connection } from '../graphql/pagination.js';
import type { Credential } from './models/credential.model.js';
import { ProviderOptionType, type ProviderInfo, type Runtime } from './models/runtime.model.js';

/** The API view of a runtime. */
export function toRuntime(entity: RuntimeEntity): Runtime {
  return {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    provider: entity.provider,
    zone: entity.zone,
    credentialId: entity.credentialId,
    labels: toPairs(entity.labels),
    options: entity.options,
    owner: entity.owner,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

const OPTION_TYPES: Readonly<Record<ContractOptionType, ProviderOptionType>> = {
  string: ProviderOptionType.STRING,
  number: ProviderOptionType.NUMBER,
  boolean: ProviderOptionType.BOOLEAN,
  'string-list': ProviderOptionType.STRING_LIST,
  json: ProviderOptionType.JSON,
};

/** The API view of a provider, with its option fields. */
export function toProviderInfo(provider: AnyRuntimeProvider): ProviderInfo {
  return {
    name: provider.name,
    requiresCredential: provider.requiresCredential,
    // A chart names its own images; a package's container image never reaches a Kubernetes runtime.
    containerImages: provider.kind === 'machines' ? provider.containerImages : 'ignored',
    optionFields: provider.optionFields.map((field) => ({
      key: field.key,
      label: field.label,
      type: OPTION_TYPES[field.type],
      description: field.description,
      required: field.required,
      defaultJson: field.default === undefined ? null : JSON.stringify(field.default),
    })),
  };
}

/** The API view of a credential: everything but the sealed secret. */
export function toCredential(entity: CredentialEntity): Credential {
  return {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    provider: entity.provider,
    endpoint: entity.endpoint,
    secretFields: entity.secretFields,
    keyId: entity.keyId,
    owner: entity.owner,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

/** Maps the nodes of a connection. */
export function mapConnection<A, B>(connection: Connection<A>, map: (node: A) => B): Connection<B> {
  return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: map(edge.node) })) };
}
