import { describeKubernetesProviderConformance } from '@pitrix/provider-contract/conformance';
import { startTestKubernetes } from '@pitrix/testing/kubernetes';
import { KubernetesProvider } from '../src/index.js';
import { demoChart } from './chart.js';
import { credentialOf, unreachableCredential } from './credentials.js';

// A real kube-apiserver, controller manager, scheduler and etcd; kwok plays the kubelets.
describeKubernetesProviderConformance('kubernetes', async () => {
  const kube = await startTestKubernetes();
  return {
    provider: new KubernetesProvider({ helmBinary: kube.helmBinary }),
    context: { runtimeId: 'rt-conformance', credential: credentialOf(kube.kubeconfig), zone: 'pitrix-conformance', options: { createNamespace: true } },
    chart: demoChart(),
    values: { replicas: 2, dbReplicas: 1, message: 'hello' },
    upgradeValues: { replicas: 3, dbReplicas: 1, message: 'hello again' },
    malformedCredential: credentialOf('apiVersion: v1\nclusters: [\n'),
    unreachableCredential: await unreachableCredential(kube),
    noRightsCredential: credentialOf(kube.noRightsKubeconfig),
    cleanup: () => kube.stop(),
  };
});
