import { kubeApi, type KubeApiTarget } from './kube-api.js';

/** The annotation kwok is told to manage nodes by (`--manage-nodes-with-annotation-selector`). */
export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';
export const KWOK_NODE_SELECTOR = `${KWOK_NODE_ANNOTATION}=fake`;

/**
 * Room for well over 20 concurrent small releases on one node: kwok runs no container, so the
 * figures only bound what the scheduler will place.
 */
const NODE_RESOURCES = { cpu: '64', memory: '256Gi', pods: '500' };

/** The names of `count` fake nodes. */
export function fakeNodeNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `pitrix-fake-node-${i + 1}`);
}

/** Creates the fake nodes kwok manages; a node that already exists (a restarted control plane) is kept. */
export async function createFakeNodes(api: KubeApiTarget, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        annotations: { [KWOK_NODE_ANNOTATION]: 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
        labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok' },
      },
      status: { allocatable: NODE_RESOURCES, capacity: NODE_RESOURCES },
    };
    const response = await kubeApi(api, 'POST', '/api/v1/nodes', node);
    if (response.status !== 201 && response.status !== 409) {
      throw new Error(`cannot create the fake node ${name}: the API server answered ${response.status}: ${response.body.slice(0, 500)}`);
    }
  }
}

/** Why `name` is not Ready yet, or undefined once kwok has made it Ready. */
export async function nodeNotReadyReason(api: KubeApiTarget, name: string): Promise<string | undefined> {
  const response = await kubeApi(api, 'GET', `/api/v1/nodes/${name}`);
  if (response.status !== 200) return `the API server answered ${response.status} for the node`;
  const node = JSON.parse(response.body) as { status?: { conditions?: Array<{ type: string; status: string }> } };
  const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
  return ready?.status === 'True' ? undefined : 'kwok has not made it Ready yet';
}
