/** What a kubeconfig with one cluster and one bearer-token user says. */
export interface KubeconfigSpec {
  readonly clusterName: string;
  readonly server: string;
  readonly caPem: string;
  readonly user: string;
  readonly token: string;
}

/** A kubeconfig (YAML) for `spec`: the CA is embedded, so the file works on its own. */
export function renderKubeconfig(spec: KubeconfigSpec): string {
  const context = `${spec.user}@${spec.clusterName}`;
  // JSON strings are valid YAML scalars, which keeps every value quoted correctly.
  const q = (value: string) => JSON.stringify(value);
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${q(spec.clusterName)}`,
    '  cluster:',
    `    server: ${q(spec.server)}`,
    `    certificate-authority-data: ${q(Buffer.from(spec.caPem).toString('base64'))}`,
    'users:',
    `- name: ${q(spec.user)}`,
    '  user:',
    `    token: ${q(spec.token)}`,
    'contexts:',
    `- name: ${q(context)}`,
    '  context:',
    `    cluster: ${q(spec.clusterName)}`,
    `    user: ${q(spec.user)}`,
    `current-context: ${q(context)}`,
    '',
  ].join('\n');
}
