import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The Go module that pins Kubernetes and etcd (infra/kubernetes), from this file in src/ or dist/. */
export const KUBERNETES_MODULE_DIR = join(__dirname, '..', '..', '..', '..', 'infra', 'kubernetes');

/** The control-plane programs of one build, all in one cache folder. */
export interface KubernetesBinaries {
  readonly dir: string;
  readonly etcd: string;
  readonly apiserver: string;
  readonly controllerManager: string;
  readonly scheduler: string;
  readonly kubectl: string;
  /** The Kubernetes version they report, from infra/kubernetes/go.mod (e.g. v1.37.2). */
  readonly version: string;
}

const KUBERNETES_COMMANDS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl'] as const;
const ETCD_PACKAGE = 'go.etcd.io/etcd/server/v3';

/**
 * Returns the Kubernetes control plane and etcd of infra/kubernetes, building them first when this
 * machine has no build of its go.mod/go.sum yet (a cold build takes 10–20 minutes on 2 cores, a
 * warm Go cache about a minute). The build goes to a temporary folder renamed into place, so an
 * interrupted build never leaves a partial set behind.
 */
export async function ensureKubernetesBinaries(binCache: string, log: (line: string) => void = () => {}, moduleDir = KUBERNETES_MODULE_DIR): Promise<KubernetesBinaries> {
  const version = kubernetesVersion(moduleDir);
  const ldflags = kubernetesLdflags(version);
  const dir = join(binCache, `kubernetes-${buildDigest(moduleDir, ldflags)}`);
  const binaries = binariesIn(dir, version);
  if (isComplete(binaries)) return binaries;
  mkdirSync(binCache, { recursive: true });
  const staging = mkdtempSync(join(binCache, '.kubernetes-build-'));
  log(`building Kubernetes ${version} (${KUBERNETES_COMMANDS.join(', ')}) and etcd from ${moduleDir}; the first build on this machine takes about 10–20 minutes`);
  const startedAt = Date.now();
  try {
    const packages = KUBERNETES_COMMANDS.map((command) => `k8s.io/kubernetes/cmd/${command}`);
    // One invocation for the four commands, so their shared packages compile once.
    await goBuild(['build', '-trimpath', '-ldflags', ldflags, '-o', `${staging}/`, ...packages], moduleDir);
    await goBuild(['build', '-trimpath', '-ldflags', '-s -w', '-o', join(staging, 'etcd'), ETCD_PACKAGE], moduleDir);
    if (!isComplete(binaries)) {
      rmSync(dir, { recursive: true, force: true });
      renameSync(staging, dir);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`built Kubernetes ${version} into ${dir} in ${Math.round((Date.now() - startedAt) / 1000)} s`);
  return binaries;
}

/** The version of k8s.io/kubernetes that infra/kubernetes/go.mod requires. */
export function kubernetesVersion(moduleDir = KUBERNETES_MODULE_DIR): string {
  const goMod = readFileSync(join(moduleDir, 'go.mod'), 'utf8');
  const version = /^\s*k8s\.io\/kubernetes\s+(v\d+\.\d+\.\d+\S*)/m.exec(goMod)?.[1];
  if (!version) throw new Error(`${join(moduleDir, 'go.mod')} does not require k8s.io/kubernetes at a version`);
  return version;
}

/** Without these the binaries report v0.0.0, which kubectl and helm reject as too old. */
function kubernetesLdflags(version: string): string {
  const [major, minor] = version.replace(/^v/, '').split('.');
  const stamp = (pkg: string) => [`-X ${pkg}.gitVersion=${version}`, `-X ${pkg}.gitMajor=${major}`, `-X ${pkg}.gitMinor=${minor}`];
  return ['-s -w', ...stamp('k8s.io/component-base/version'), ...stamp('k8s.io/client-go/pkg/version')].join(' ');
}

function buildDigest(moduleDir: string, ldflags: string): string {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum']) hash.update(file).update(readFileSync(join(moduleDir, file)));
  return hash.update(ldflags).digest('hex').slice(0, 12);
}

function binariesIn(dir: string, version: string): KubernetesBinaries {
  return {
    dir,
    version,
    etcd: join(dir, 'etcd'),
    apiserver: join(dir, 'kube-apiserver'),
    controllerManager: join(dir, 'kube-controller-manager'),
    scheduler: join(dir, 'kube-scheduler'),
    kubectl: join(dir, 'kubectl'),
  };
}

function isComplete(binaries: KubernetesBinaries): boolean {
  return [binaries.etcd, binaries.apiserver, binaries.controllerManager, binaries.scheduler, binaries.kubectl].every((file) => existsSync(file));
}

function goBuild(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { cwd, env: { ...process.env, CGO_ENABLED: '0' }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', (err) => reject(new Error(`cannot run go to build Kubernetes: ${err.message} (is Go installed?)`)));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go ${args.join(' ')} in ${cwd} exited with ${code}`))));
  });
}
