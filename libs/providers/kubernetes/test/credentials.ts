import type { CredentialContent } from '@pitrix/provider-contract';
import type { TestKubernetes } from '@pitrix/testing/kubernetes';
import { createServer } from 'node:net';

/** A kubeconfig credential. */
export function credentialOf(kubeconfig: string): CredentialContent {
  return { secret: { kubeconfig } };
}

/** The admin kubeconfig pointed at a port on 127.0.0.1 that nothing listens on. */
export async function unreachableCredential(kube: TestKubernetes): Promise<CredentialContent> {
  const port = await closedPort();
  return credentialOf(kube.kubeconfig.split(kube.server).join(`https://127.0.0.1:${port}`));
}

/** A port that was free a moment ago (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
