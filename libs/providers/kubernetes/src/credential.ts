import { PitrixError } from '@pitrix/errors';
import type { CredentialCheck, CredentialContent, Zone } from '@pitrix/provider-contract';
import { apiError, isConnectionFailure, serverMessage, statusOf } from './api-errors.js';
import { credentialInvalid, kubeClients, MalformedKubeconfig, type KubeClients } from './kube-client.js';
import { isNamespaceName, splitCheckOptions } from './options.js';

/** What a release needs to do in its namespace, checked with SelfSubjectAccessReviews. */
export const RELEASE_PERMISSIONS: ReadonlyArray<{ readonly verb: string; readonly group: string; readonly resource: string }> = [
  { verb: 'create', group: 'apps', resource: 'deployments' },
  { verb: 'create', group: 'apps', resource: 'statefulsets' },
  { verb: 'create', group: 'apps', resource: 'daemonsets' },
  { verb: 'create', group: 'batch', resource: 'jobs' },
  { verb: 'create', group: '', resource: 'services' },
  { verb: 'create', group: '', resource: 'configmaps' },
  { verb: 'create', group: '', resource: 'secrets' },
  { verb: 'list', group: '', resource: 'pods' },
  { verb: 'watch', group: '', resource: 'pods' },
];

/**
 * Checks a credential live: the kubeconfig parses, the server answers `/version`, and the
 * credential may do what a release needs in the namespace being checked (the `namespace` check
 * option, else the prefix, else `default`). Never throws for a bad credential.
 */
export async function validateCredential(credential: CredentialContent | undefined, raw: Readonly<Record<string, unknown>>): Promise<CredentialCheck> {
  const { namespace } = splitCheckOptions(raw);
  let kube: KubeClients;
  try {
    kube = kubeClients(credential);
  } catch (err) {
    if (err instanceof MalformedKubeconfig) return { valid: false, reason: 'MALFORMED', message: `The kubeconfig cannot be used: ${err.message}` };
    throw err;
  }
  try {
    await kube.version.getCode();
  } catch (err) {
    if (statusOf(err) === 401) return { valid: false, reason: 'AUTH_FAILED', message: `The Kubernetes API server ${kube.server} does not accept the credential` };
    const detail = isConnectionFailure(err) ? (err instanceof Error ? err.message : String(err)) : `${statusOf(err) ?? ''} ${serverMessage(err)}`.trim();
    return { valid: false, reason: 'UNREACHABLE', message: `The Kubernetes API server ${kube.server} cannot be reached: ${detail}` };
  }
  try {
    const denied = await firstDenied(kube, namespace);
    const identity = await identityOf(kube);
    if (denied) return { valid: false, reason: 'AUTH_FAILED', message: `${identity} may not ${denied} in namespace ${namespace}`, identity };
    return { valid: true, identity };
  } catch (err) {
    if (statusOf(err) === 401) return { valid: false, reason: 'AUTH_FAILED', message: `The Kubernetes API server ${kube.server} does not accept the credential` };
    if (statusOf(err) === 403) return { valid: false, reason: 'AUTH_FAILED', message: `The credential may not check its own rights: ${serverMessage(err)}` };
    return { valid: false, reason: 'UNREACHABLE', message: `The Kubernetes API server ${kube.server} did not answer the access review: ${serverMessage(err)}` };
  }
}

/** The first permission the credential lacks, as `verb group/resource`, or undefined. */
async function firstDenied(kube: KubeClients, namespace: string): Promise<string | undefined> {
  const answers = await Promise.all(
    RELEASE_PERMISSIONS.map((permission) =>
      kube.authorization.createSelfSubjectAccessReview({
        body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { ...permission, namespace } } },
      }),
    ),
  );
  const index = answers.findIndex((answer) => answer.status?.allowed !== true);
  const permission = RELEASE_PERMISSIONS[index];
  return permission ? `${permission.verb} ${permission.group ? `${permission.resource}.${permission.group}` : permission.resource}` : undefined;
}

/** Who the credential acts as: the server's SelfSubjectReview, else the kubeconfig's user name. */
async function identityOf(kube: KubeClients): Promise<string> {
  try {
    const review = await kube.authentication.createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    const username = review.status?.userInfo?.username;
    if (username) return username;
  } catch {
    // Older servers have no SelfSubjectReview; the kubeconfig's name for the user will do.
  }
  return kube.config.getCurrentUser()?.name ?? 'unknown';
}

/**
 * The namespaces the runtime may use: those the credential can list (inside the prefix); a
 * credential that may not list namespaces gets the one it was configured with.
 */
export async function listZones(credential: CredentialContent | undefined, raw: Readonly<Record<string, unknown>>): Promise<Zone[]> {
  const { options, namespace } = splitCheckOptions(raw);
  let kube: KubeClients;
  try {
    kube = kubeClients(credential);
  } catch (err) {
    throw err instanceof MalformedKubeconfig ? credentialInvalid(err) : err;
  }
  try {
    const list = await kube.core.listNamespace();
    return list.items
      .map((ns) => ({ name: ns.metadata?.name ?? '', phase: ns.status?.phase }))
      .filter(({ name }) => name.startsWith(options.namespacePrefix))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(({ name, phase }) => ({ id: name, name, available: phase !== 'Terminating' }));
  } catch (err) {
    if (statusOf(err) === 403) return isNamespaceName(namespace) && namespace.startsWith(options.namespacePrefix) ? [{ id: namespace, name: namespace, available: true }] : [];
    if (statusOf(err) === 401) throw new PitrixError('RUNTIME.CREDENTIAL_INVALID', `The Kubernetes API server ${kube.server} does not accept the credential`);
    throw apiError(kube.server, 'list namespaces', err);
  }
}
