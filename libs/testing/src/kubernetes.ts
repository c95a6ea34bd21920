// Its own entry point (@pitrix/testing/kubernetes): only tests that need a Kubernetes API load it.
import { startKubernetesControlPlane, type KubernetesControlPlane } from '@pitrix/devstack';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmBinary, kubernetesBinaries, kwokInstallation } from './binaries.js';

/** A private Kubernetes control plane for one test file (fake nodes: pods turn Ready but never run). */
export interface TestKubernetes extends KubernetesControlPlane {
  readonly helmBinary: string;
  readonly kubectlBinary: string;
  /** Runs kubectl as the admin; resolves with its stdout, rejects with its stderr when it fails. */
  kubectl(args: readonly string[]): Promise<string>;
  /** Stops every process and deletes the control plane's folder. */
  stop(): Promise<void>;
}

/** Options of a test control plane. */
export interface TestKubernetesOptions {
  /** Fake nodes (default 1). */
  readonly nodes?: number;
}

/**
 * Builds the binaries when missing (the first time on a machine: 10–20 minutes) and starts a
 * control plane on free ports in a temp folder: etcd, kube-apiserver, controller manager,
 * scheduler and kwok. Annotate a pod `pitrix.dev/test-ready: "false"` to make it not Ready.
 */
export async function startTestKubernetes(options: TestKubernetesOptions = {}): Promise<TestKubernetes> {
  const [binaries, kwok, helm] = [await kubernetesBinaries(), await kwokInstallation(), await helmBinary()];
  const dir = mkdtempSync(join(tmpdir(), 'pitrix-kubernetes-'));
  let controlPlane: KubernetesControlPlane;
  try {
    controlPlane = await startKubernetesControlPlane({ binaries, kwok, dir, nodes: options.nodes });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const kubectl = (args: readonly string[]) => run(binaries.kubectl, ['--kubeconfig', controlPlane.kubeconfigFile, ...args]);
  const stop = async () => {
    await controlPlane.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { ...controlPlane, helmBinary: helm, kubectlBinary: binaries.kubectl, kubectl, stop };
}

function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`kubectl ${args.slice(2).join(' ')} failed: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}
