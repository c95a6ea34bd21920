import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The runtime (and its credential) `npm start` registers for the dev control plane. */
export const DEV_KUBERNETES_RUNTIME = 'dev-kubernetes';
/** Its zone: a namespace of the dev control plane. */
export const DEV_KUBERNETES_ZONE = 'pitrix-dev';

/** Where and as whom the registration talks to the Pitrix API, and the cluster to register. */
export interface DevRuntimeRegistration {
  readonly graphqlUrl: string;
  /** A token of the bootstrap admin (the one npm start keeps for the CLI). */
  readonly token: string;
  readonly kubeconfig: string;
  readonly kubeconfigFile: string;
  readonly kubectl: string;
}

/**
 * Registers the dev control plane as the kubernetes runtime `dev-kubernetes` (zone `pitrix-dev`,
 * a namespace created here), with a credential of the same name holding its admin kubeconfig.
 * A runtime of that name that exists already is kept; its credential gets the current kubeconfig,
 * whose server port may have changed since the last start. Returns what it did, for the log.
 */
export async function registerDevKubernetesRuntime(registration: DevRuntimeRegistration): Promise<string> {
  await ensureNamespace(registration.kubectl, registration.kubeconfigFile, DEV_KUBERNETES_ZONE);
  const api = graphql(registration.graphqlUrl, registration.token);
  const runtimes = await api<{ runtimes: { edges: Array<{ node: { id: string; name: string; credentialId: string | null } }> } }>(
    'query DevRuntime($filter: RuntimeFilter!) { runtimes(filter: $filter, page: { first: 200 }) { edges { node { id name credentialId } } } }',
    { filter: { provider: 'kubernetes', search: DEV_KUBERNETES_RUNTIME } },
  );
  const existing = runtimes.runtimes.edges.map((edge) => edge.node).find((node) => node.name === DEV_KUBERNETES_RUNTIME);
  const secret = { kubeconfig: registration.kubeconfig };
  if (existing) {
    if (existing.credentialId) await updateCredentialSecret(api, existing.credentialId, secret);
    return `the runtime ${DEV_KUBERNETES_RUNTIME} exists; its credential holds the current kubeconfig`;
  }
  const credentialId = (await findCredential(api)) ?? (await createCredential(api, secret));
  await api('mutation DevRuntime($input: CreateRuntimeInput!) { createRuntime(input: $input) { id } }', {
    input: {
      name: DEV_KUBERNETES_RUNTIME,
      description: 'The local Kubernetes control plane of npm start (kwok fake nodes: pods turn Ready but never run)',
      provider: 'kubernetes',
      zone: DEV_KUBERNETES_ZONE,
      credentialId,
    },
  });
  return `registered the runtime ${DEV_KUBERNETES_RUNTIME} (provider kubernetes, zone ${DEV_KUBERNETES_ZONE})`;
}

type GraphqlCall = <T = unknown>(query: string, variables: Record<string, unknown>) => Promise<T>;

/** A credential of that name left by an earlier start that stopped before creating the runtime. */
async function findCredential(api: GraphqlCall): Promise<string | undefined> {
  const found = await api<{ credentials: { edges: Array<{ node: { id: string; name: string; provider: string } }> } }>(
    'query DevCredentials { credentials(page: { first: 200 }) { edges { node { id name provider } } } }',
    {},
  );
  const credential = found.credentials.edges.map((edge) => edge.node).find((node) => node.name === DEV_KUBERNETES_RUNTIME && node.provider === 'kubernetes');
  return credential?.id;
}

async function createCredential(api: GraphqlCall, secret: Record<string, string>): Promise<string> {
  const created = await api<{ createCredential: { id: string } }>('mutation DevCredential($input: CreateCredentialInput!) { createCredential(input: $input) { id } }', {
    input: { name: DEV_KUBERNETES_RUNTIME, description: 'Admin kubeconfig of the npm start Kubernetes control plane', provider: 'kubernetes', secret, validate: true },
  });
  return created.createCredential.id;
}

async function updateCredentialSecret(api: GraphqlCall, id: string, secret: Record<string, string>): Promise<void> {
  await api('mutation DevCredentialSecret($id: ID!, $input: UpdateCredentialInput!) { updateCredential(id: $id, input: $input) { id } }', { id, input: { secret } });
}

function graphql(url: string, token: string): GraphqlCall {
  return async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await response.json().catch(() => undefined)) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> } | undefined;
    if (body?.errors?.length) throw new Error(body.errors.map((error) => `${error.extensions?.code ? `${error.extensions.code}: ` : ''}${error.message}`).join('; '));
    if (!body?.data) throw new Error(`the API at ${url} answered HTTP ${response.status} without data`);
    return body.data;
  };
}

async function ensureNamespace(kubectl: string, kubeconfigFile: string, name: string): Promise<void> {
  try {
    await run(kubectl, ['--kubeconfig', kubeconfigFile, 'create', 'namespace', name]);
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? (err as Error).message;
    if (!/AlreadyExists/.test(stderr)) throw new Error(`cannot create the namespace ${name}: ${stderr.trim()}`);
  }
}
