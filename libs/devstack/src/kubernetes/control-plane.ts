import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { explainExit } from '../exit-report.js';
import { startProcess, type ManagedProcess } from '../managed-process.js';
import { checkPortsFree, type PortNeed } from '../port-check.js';
import { freePort } from '../ports.js';
import { waitUntilReady, type ReadinessProbe } from '../readiness.js';
import type { KubernetesBinaries } from './binaries.js';
import { ensureControlPlaneCredentials, NO_RIGHTS_USER, type ControlPlaneCredentials } from './credentials.js';
import { createFakeNodes, fakeNodeNames, KWOK_NODE_SELECTOR, nodeNotReadyReason } from './fake-nodes.js';
import { kubeApi, type KubeApiTarget } from './kube-api.js';
import { renderKubeconfig } from './kubeconfig.js';
import type { KwokInstallation } from './tools.js';

const HOST = '127.0.0.1';
/** Pod addresses kwok hands out; nothing listens there, so nothing may ever be sent to them. */
const POD_CIDR = '10.244.0.0/24';
const SERVICE_CIDR = '10.96.0.0/16';
/** A cold start takes 4–5 s on 2 cores; a loaded machine (parallel tests) needs more. */
const DEFAULT_READY_TIMEOUT_MS = 60_000;
/** Free ports are picked, then bound by another process: another test may take one in between. */
const PORT_ATTEMPTS = 3;

/** How to run a control plane. */
export interface KubernetesControlPlaneOptions {
  readonly binaries: KubernetesBinaries;
  readonly kwok: KwokInstallation;
  /**
   * Folder for certificates, tokens, etcd's data, kubeconfigs, logs (`logs/`) and pid files
   * (`run/`). A folder used before keeps its certificates, tokens and data, so its kubeconfigs stay
   * valid; a process a crashed run left behind (per its pid file) is stopped first.
   */
  readonly dir: string;
  /** Fake nodes to create (default 1, room for dozens of small releases each). */
  readonly nodes?: number;
  /**
   * The API server's port when it is free (npm start reuses its last one, so kubeconfigs handed
   * out stay valid across restarts); another free port otherwise. Default: any free port.
   */
  readonly apiserverPort?: number;
  /** The cluster's name in the kubeconfigs (default `pitrix`). */
  readonly clusterName?: string;
  /** Start the processes in their own process groups (npm start: Ctrl-C reaches only the supervisor). */
  readonly detached?: boolean;
  readonly readyTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** A running control plane. */
export interface KubernetesControlPlane {
  /** `https://127.0.0.1:<port>` */
  readonly server: string;
  /** Kubeconfig (YAML) of the admin (system:masters), bearer token and CA embedded. */
  readonly kubeconfig: string;
  readonly kubeconfigFile: string;
  /** Kubeconfig of a user that is authenticated but has no RBAC rights. */
  readonly noRightsKubeconfig: string;
  readonly noRightsKubeconfigFile: string;
  readonly caPem: string;
  readonly adminToken: string;
  readonly dir: string;
  readonly nodeNames: readonly string[];
  /** etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok, in start order. */
  readonly processes: readonly ManagedProcess[];
  /** Stops every process, in reverse order, and resolves once all have exited. */
  stop(): Promise<void>;
}

interface Ports {
  readonly etcdClient: number;
  readonly etcdPeer: number;
  readonly apiserver: number;
}

/** Start-up met a port another process took after it was picked; picking again fixes it. */
class PortTakenError extends Error {}

/**
 * Starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok on free loopback
 * ports, creates the fake nodes, and resolves once the API server is ready, every node is Ready
 * and the controller manager has created the `default` service account. A process that exits
 * during start-up fails it with its log tail; everything started is stopped again.
 */
export async function startKubernetesControlPlane(options: KubernetesControlPlaneOptions): Promise<KubernetesControlPlane> {
  const credentials = await ensureControlPlaneCredentials(join(options.dir, 'pki'));
  for (let attempt = 1; ; attempt++) {
    const ports = await pickPorts(attempt === 1 ? options.apiserverPort : undefined);
    try {
      return await startOnce(options, credentials, ports);
    } catch (err) {
      if (!(err instanceof PortTakenError) || attempt >= PORT_ATTEMPTS) throw err;
      options.log?.(`${err.message}; trying other ports`);
    }
  }
}

async function pickPorts(preferredApiserverPort: number | undefined): Promise<Ports> {
  const preferred = preferredApiserverPort && (await checkPortsFree([{ host: HOST, port: preferredApiserverPort, what: 'the Kubernetes API server', setting: '' }])).length === 0;
  const picked = new Set<number>(preferred ? [preferredApiserverPort] : []);
  const pick = async (): Promise<number> => {
    for (;;) {
      const port = await freePort(HOST);
      if (!picked.has(port)) {
        picked.add(port);
        return port;
      }
    }
  };
  return { etcdClient: await pick(), etcdPeer: await pick(), apiserver: preferred ? preferredApiserverPort : await pick() };
}

async function startOnce(options: KubernetesControlPlaneOptions, credentials: ControlPlaneCredentials, ports: Ports): Promise<KubernetesControlPlane> {
  const { binaries, dir } = options;
  const timeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const server = `https://${HOST}:${ports.apiserver}`;
  const clusterName = options.clusterName ?? 'pitrix';
  const api: KubeApiTarget = { server, token: credentials.adminToken, caPem: credentials.caPem };
  const portNeeds = describePorts(ports);
  const started: ManagedProcess[] = [];
  const stop = async () => {
    for (const child of [...started].reverse()) await child.stop();
  };
  const launch = async (name: string, command: string, args: string[]) => {
    const child = await startProcess({
      name,
      command,
      args,
      logFile: join(dir, 'logs', `${name}.log`),
      pidFile: join(dir, 'run', `${name}.pid`),
      detached: options.detached,
    });
    started.push(child);
    return child;
  };
  const ready = async (probes: ReadinessProbe[]) => {
    const readiness = await waitUntilReady({ probes, processes: started, timeoutMs, intervalMs: 100 });
    if (readiness.state === 'READY') return;
    if (readiness.state === 'TIMED_OUT') {
      const waiting = readiness.waiting.map((w) => `${w.what}: ${w.reason}`).join('; ');
      throw new Error(`the Kubernetes control plane in ${dir} was not ready within ${timeoutMs / 1000} s (${waiting}); logs in ${join(dir, 'logs')}`);
    }
    const report = explainExit(readiness.process, readiness.code, portNeeds);
    if (report.reason === 'PORT_IN_USE') throw new PortTakenError(report.message);
    const tail = report.logTail.map((line) => `  | ${line}`).join('\n');
    throw new Error(`starting the Kubernetes control plane: ${report.message}\nlast lines of ${readiness.process.logFile}:\n${tail}`);
  };

  try {
    await launch('etcd', binaries.etcd, etcdArgs(dir, ports));
    await ready([etcdHealthProbe(ports.etcdClient)]);
    await launch('kube-apiserver', binaries.apiserver, apiserverArgs(dir, ports, credentials));
    await ready([apiserverReadyProbe(api)]);

    const kubeconfig = renderKubeconfig({ clusterName, server, caPem: credentials.caPem, user: 'admin', token: credentials.adminToken });
    const noRightsKubeconfig = renderKubeconfig({ clusterName, server, caPem: credentials.caPem, user: NO_RIGHTS_USER, token: credentials.noRightsToken });
    const kubeconfigFile = writePrivate(join(dir, 'admin.kubeconfig'), kubeconfig);
    const noRightsKubeconfigFile = writePrivate(join(dir, 'no-rights.kubeconfig'), noRightsKubeconfig);

    await launch('kube-controller-manager', binaries.controllerManager, controllerManagerArgs(kubeconfigFile, clusterName, credentials));
    await launch('kube-scheduler', binaries.scheduler, ['--kubeconfig', kubeconfigFile, '--leader-elect=false', '--secure-port=0']);
    await launch('kwok', options.kwok.binary, kwokArgs(kubeconfigFile, options.kwok));
    const nodeNames = fakeNodeNames(options.nodes ?? 1);
    await createFakeNodes(api, nodeNames);
    await ready([...nodeNames.map((name) => nodeReadyProbe(api, name)), defaultServiceAccountProbe(api)]);

    return {
      server,
      kubeconfig,
      kubeconfigFile,
      noRightsKubeconfig,
      noRightsKubeconfigFile,
      caPem: credentials.caPem,
      adminToken: credentials.adminToken,
      dir,
      nodeNames,
      processes: [...started],
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function etcdArgs(dir: string, ports: Ports): string[] {
  const client = `http://${HOST}:${ports.etcdClient}`;
  const peer = `http://${HOST}:${ports.etcdPeer}`;
  return [
    '--name=pitrix',
    `--data-dir=${join(dir, 'etcd')}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=pitrix=${peer}`,
    // A dev and test store: losing the last writes on a power cut is fine, fsync latency is not.
    '--unsafe-no-fsync',
    '--log-level=warn',
  ];
}

function apiserverArgs(dir: string, ports: Ports, credentials: ControlPlaneCredentials): string[] {
  return [
    `--etcd-servers=http://${HOST}:${ports.etcdClient}`,
    `--bind-address=${HOST}`,
    `--secure-port=${ports.apiserver}`,
    // Nothing can reach a loopback address from a pod anyway, and there are no pods that run.
    '--endpoint-reconciler-type=none',
    `--tls-cert-file=${credentials.servingCertFile}`,
    `--tls-private-key-file=${credentials.servingKeyFile}`,
    `--client-ca-file=${credentials.caFile}`,
    `--token-auth-file=${credentials.tokenFile}`,
    '--authorization-mode=RBAC',
    '--service-account-issuer=https://kubernetes.default.svc',
    `--service-account-key-file=${credentials.serviceAccountPublicKeyFile}`,
    `--service-account-signing-key-file=${credentials.serviceAccountKeyFile}`,
    `--service-cluster-ip-range=${SERVICE_CIDR}`,
    // Many concurrent test requests would otherwise queue behind the default flow-control limits.
    '--enable-priority-and-fairness=false',
    `--cert-dir=${join(dir, 'apiserver')}`,
    '--profiling=false',
  ];
}

function controllerManagerArgs(kubeconfigFile: string, clusterName: string, credentials: ControlPlaneCredentials): string[] {
  return [
    `--kubeconfig=${kubeconfigFile}`,
    '--leader-elect=false',
    '--secure-port=0',
    `--cluster-name=${clusterName}`,
    `--service-account-private-key-file=${credentials.serviceAccountKeyFile}`,
    `--root-ca-file=${credentials.caFile}`,
    // Tests create many objects at once; the default client limits (20/s) would pace them.
    '--kube-api-qps=200',
    '--kube-api-burst=400',
  ];
}

function kwokArgs(kubeconfigFile: string, kwok: KwokInstallation): string[] {
  return [
    `--kubeconfig=${kubeconfigFile}`,
    ...kwok.stageFiles.map((file) => `--config=${file}`),
    '--manage-all-nodes=false',
    `--manage-nodes-with-annotation-selector=${KWOK_NODE_SELECTOR}`,
    `--cidr=${POD_CIDR}`,
  ];
}

function describePorts(ports: Ports): PortNeed[] {
  const need = (port: number, what: string): PortNeed => ({ host: HOST, port, what, setting: '(picked at random; start again)' });
  return [need(ports.etcdClient, 'the etcd client port'), need(ports.etcdPeer, 'the etcd peer port'), need(ports.apiserver, 'the Kubernetes API server')];
}

function writePrivate(file: string, text: string): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

function etcdHealthProbe(port: number): ReadinessProbe {
  const url = `http://${HOST}:${port}/health`;
  return {
    what: `etcd at ${url}`,
    check: async () => {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        const body = (await response.json()) as { health?: string };
        return body.health === 'true' ? { ready: true } : { ready: false, reason: `it answers ${JSON.stringify(body)}` };
      } catch (err) {
        return { ready: false, reason: `no answer: ${(err as Error).message}` };
      }
    },
  };
}

function apiserverReadyProbe(api: KubeApiTarget): ReadinessProbe {
  return {
    what: `the Kubernetes API server at ${api.server}/readyz`,
    check: async () => {
      try {
        const response = await kubeApi(api, 'GET', '/readyz', undefined, 2_000);
        return response.status === 200 ? { ready: true } : { ready: false, reason: `HTTP ${response.status}: ${response.body.slice(0, 200)}` };
      } catch (err) {
        return { ready: false, reason: `no answer: ${(err as Error).message}` };
      }
    },
  };
}

function nodeReadyProbe(api: KubeApiTarget, name: string): ReadinessProbe {
  return {
    what: `the fake node ${name} (kwok)`,
    check: async () => {
      try {
        const reason = await nodeNotReadyReason(api, name);
        return reason === undefined ? { ready: true } : { ready: false, reason };
      } catch (err) {
        return { ready: false, reason: (err as Error).message };
      }
    },
  };
}

/** The controller manager's service-account controller creates it: proof that the controllers run. */
function defaultServiceAccountProbe(api: KubeApiTarget): ReadinessProbe {
  return {
    what: 'the default service account (kube-controller-manager)',
    check: async () => {
      try {
        const response = await kubeApi(api, 'GET', '/api/v1/namespaces/default/serviceaccounts/default');
        return response.status === 200 ? { ready: true } : { ready: false, reason: `not created yet (HTTP ${response.status})` };
      } catch (err) {
        return { ready: false, reason: (err as Error).message };
      }
    },
  };
}
