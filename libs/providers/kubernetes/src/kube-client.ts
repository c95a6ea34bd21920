import {
  AppsV1Api,
  AuthenticationV1Api,
  AuthorizationV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  VersionApi,
} from '@kubernetes/client-node';
import { PitrixError } from '@pitrix/errors';
import type { CredentialContent } from '@pitrix/provider-contract';

/** The API clients of one credential, built once per session or check. */
export interface KubeClients {
  readonly config: KubeConfig;
  /** The API server's URL, for messages (never the credential). */
  readonly server: string;
  /** The kubeconfig text, handed to helm through a private file per call. */
  readonly kubeconfig: string;
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly batch: BatchV1Api;
  readonly authorization: AuthorizationV1Api;
  readonly authentication: AuthenticationV1Api;
  readonly version: VersionApi;
  readonly objects: KubernetesObjectApi;
}

/** Why a kubeconfig cannot be used; the message never quotes the credential. */
export class MalformedKubeconfig extends Error {}

/** Builds the clients of a credential's kubeconfig; an unusable one is `MalformedKubeconfig`. */
export function kubeClients(credential: CredentialContent | undefined): KubeClients {
  const kubeconfig = credential?.secret.kubeconfig;
  if (typeof kubeconfig !== 'string' || kubeconfig.trim() === '') throw new MalformedKubeconfig('the credential has no kubeconfig (secret field "kubeconfig")');
  const config = new KubeConfig();
  try {
    config.loadFromString(kubeconfig);
  } catch (err) {
    // The parser's message may quote the document; say only where it failed.
    throw new MalformedKubeconfig(`the kubeconfig is not valid kubeconfig YAML (${firstLine(err)})`);
  }
  const cluster = config.getCurrentCluster();
  if (!cluster || !/^https?:\/\//.test(cluster.server)) throw new MalformedKubeconfig('the kubeconfig has no current context with a cluster server URL');
  if (!config.getCurrentUser()) throw new MalformedKubeconfig('the kubeconfig\'s current context has no user');
  return {
    config,
    server: cluster.server,
    kubeconfig,
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    batch: config.makeApiClient(BatchV1Api),
    authorization: config.makeApiClient(AuthorizationV1Api),
    authentication: config.makeApiClient(AuthenticationV1Api),
    version: config.makeApiClient(VersionApi),
    objects: KubernetesObjectApi.makeApiClient(config),
  };
}

/** `RUNTIME.CREDENTIAL_INVALID` for a kubeconfig that cannot be used to open a session. */
export function credentialInvalid(err: MalformedKubeconfig): PitrixError {
  return new PitrixError('RUNTIME.CREDENTIAL_INVALID', `The credential cannot be used: ${err.message}`, [{ path: 'credential.secret.kubeconfig', message: err.message }]);
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split('\n')[0] ?? '').slice(0, 120);
}
