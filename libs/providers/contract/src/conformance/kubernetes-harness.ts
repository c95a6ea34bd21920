import type { CredentialContent, ProviderContext } from '../contract.js';
import type { ChartFiles, KubernetesRuntimeProvider } from '../releases.js';

/** What a Kubernetes provider's test gives the Kubernetes conformance suite. */
export interface KubernetesConformanceHarness {
  /** The provider under test, as a worker would build it. */
  readonly provider: KubernetesRuntimeProvider;
  /** A context that connects: a credential with every right a release needs, a namespace zone. */
  readonly context: ProviderContext;
  /** A chart with at least one workload whose pods become ready on the test cluster. */
  readonly chart: ChartFiles;
  /** Values to install with, and different values to upgrade to. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly upgradeValues: Readonly<Record<string, unknown>>;
  /** A credential that does not parse, one whose server does not answer, one with no rights. */
  readonly malformedCredential: CredentialContent;
  readonly unreachableCredential: CredentialContent;
  readonly noRightsCredential: CredentialContent;
  /** Removes everything the suite created. */
  cleanup(): Promise<void>;
}
