import type { DevStackConfig } from '@pitrix/config';
import {
  checkPortsFree,
  ensureGoBinary,
  ensureKubernetesBinaries,
  ensureKwok,
  helm,
  startKubernetesControlPlane,
  type KubernetesBinaries,
  type KubernetesControlPlane,
  type KwokInstallation,
} from '@pitrix/devstack';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the dev Kubernetes control plane runs. */
export interface KubernetesTools {
  readonly binaries: KubernetesBinaries;
  readonly kwok: KwokInstallation;
}

/** The control plane `npm start` runs, and where its admin kubeconfig is. */
export interface DevKubernetes {
  readonly controlPlane: KubernetesControlPlane;
  readonly kubeconfigFile: string;
}

/**
 * Builds helm into the binary cache when missing (PITRIX_HELM_BINARY points there by default): it
 * lints and renders charts and runs releases on kubernetes runtimes.
 */
export function ensureHelm(config: DevStackConfig, log: (line: string) => void): Promise<string> {
  return ensureGoBinary(config.devStack.binCache, helm(), log);
}

/** Builds, when missing, the control plane (10–20 minutes the first time on a machine) and kwok. */
export async function ensureKubernetesTools(config: DevStackConfig, log: (line: string) => void): Promise<KubernetesTools> {
  const binaries = await ensureKubernetesBinaries(config.devStack.binCache, log);
  const kwok = await ensureKwok(config.devStack.binCache, log);
  return { binaries, kwok };
}

/** The dev control plane's folder: certificates, tokens, etcd's data and logs survive restarts. */
export function devKubernetesDir(config: DevStackConfig): string {
  return join(config.home.home, 'kubernetes');
}

/**
 * Starts the dev control plane under `<PITRIX_HOME>/kubernetes` on the API server port of its last
 * run when that is free (so a kubeconfig handed out before still works), and writes its admin
 * kubeconfig to `<PITRIX_HOME>/kubernetes/kubeconfig`, mode 0600.
 */
export async function startDevKubernetes(config: DevStackConfig, tools: KubernetesTools, log: (line: string) => void): Promise<DevKubernetes> {
  const dir = devKubernetesDir(config);
  const portFile = join(dir, 'apiserver-port');
  const lastPort = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8').trim()) : undefined;
  const apiserverPort = lastPort && Number.isInteger(lastPort) ? lastPort : undefined;
  if (apiserverPort && (await checkPortsFree([{ host: '127.0.0.1', port: apiserverPort, what: 'the Kubernetes API server', setting: '' }])).length > 0) {
    log(`port ${apiserverPort} of the last Kubernetes API server is taken; using another (kubeconfigs copied before need the new one)`);
  }
  log(`starting Kubernetes ${tools.binaries.version} (etcd, kube-apiserver, controller manager, scheduler, kwok) in ${dir}`);
  const controlPlane = await startKubernetesControlPlane({ binaries: tools.binaries, kwok: tools.kwok, dir, apiserverPort, clusterName: 'pitrix-dev', detached: true, log });
  writeFileSync(portFile, `${new URL(controlPlane.server).port}\n`);
  const kubeconfigFile = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigFile, controlPlane.kubeconfig, { mode: 0o600 });
  // The mode given to writeFileSync applies only when it creates the file.
  chmodSync(kubeconfigFile, 0o600);
  return { controlPlane, kubeconfigFile };
}
