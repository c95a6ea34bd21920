import { PitrixError } from '@pitrix/errors';
import { HelmCli } from '@pitrix/helm';
import type { CredentialCheck, CredentialContent, KubernetesRuntimeProvider, ProviderContext, ProviderOptionField, ReleaseSession, Zone } from '@pitrix/provider-contract';
import { apiError, statusOf } from './api-errors.js';
import { listZones, validateCredential } from './credential.js';
import { credentialInvalid, kubeClients, MalformedKubeconfig, type KubeClients } from './kube-client.js';
import { checkZone, KUBERNETES_OPTION_FIELDS, parseKubernetesOptions } from './options.js';
import { KubernetesSession } from './session.js';

/** How the processes build the provider. */
export interface KubernetesProviderConfig {
  /** Path of the helm (v4) binary that runs releases. */
  readonly helmBinary: string;
}

/**
 * The `kubernetes` provider: a runtime is a cluster reached with a kubeconfig credential, its
 * zones are namespaces, and a Pitrix cluster is a Helm release in one of them.
 */
export class KubernetesProvider implements KubernetesRuntimeProvider {
  readonly kind = 'kubernetes' as const;
  readonly name = 'kubernetes';
  readonly requiresCredential = true;
  readonly optionFields: readonly ProviderOptionField[] = KUBERNETES_OPTION_FIELDS;
  private readonly helm: HelmCli;

  constructor(config: KubernetesProviderConfig) {
    this.helm = new HelmCli(config.helmBinary);
  }

  validateCredential(credential: CredentialContent | undefined, options: Readonly<Record<string, unknown>>): Promise<CredentialCheck> {
    return validateCredential(credential, options);
  }

  listZones(credential: CredentialContent | undefined, options: Readonly<Record<string, unknown>>): Promise<Zone[]> {
    return listZones(credential, options);
  }

  /**
   * Opens a session in the zone's namespace. Bad options are `RUNTIME.OPTIONS_INVALID`, a zone
   * that is no namespace name or lies outside the prefix `RUNTIME.ZONE_NOT_FOUND`, and so is a
   * namespace that does not exist when the runtime may not create namespaces.
   */
  async connect(context: ProviderContext): Promise<ReleaseSession> {
    const options = parseKubernetesOptions(context.options);
    checkZone(this.name, context.zone, options);
    let kube: KubeClients;
    try {
      kube = kubeClients(context.credential);
    } catch (err) {
      throw err instanceof MalformedKubeconfig ? credentialInvalid(err) : err;
    }
    if (!options.createNamespace) await this.requireNamespace(kube, context.zone);
    return new KubernetesSession(this.helm, kube, context.zone, options);
  }

  private async requireNamespace(kube: KubeClients, namespace: string): Promise<void> {
    try {
      await kube.core.readNamespace({ name: namespace });
    } catch (err) {
      if (statusOf(err) === 404) {
        throw new PitrixError('RUNTIME.ZONE_NOT_FOUND', `Namespace ${namespace} does not exist and this runtime may not create namespaces`, [
          { path: 'zone', message: 'namespace does not exist', found: namespace },
        ]);
      }
      // A credential confined to its namespace cannot read it: its releases will tell.
      if (statusOf(err) === 403) return;
      throw apiError(kube.server, `read namespace ${namespace}`, err);
    }
  }
}
