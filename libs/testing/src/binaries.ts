import { loadDevStackConfig } from '@pitrix/config';
import {
  ensureGoBinary,
  ensureKubernetesBinaries,
  ensureKwok,
  ensureS3ServerBinary,
  helm,
  natsServer,
  temporalCli,
  type KubernetesBinaries,
  type KwokInstallation,
} from '@pitrix/devstack';

const log = (line: string) => console.log(`[pitrix testing] ${line}`);

function devStack(env: NodeJS.ProcessEnv) {
  return loadDevStackConfig(env).devStack;
}

/** Path of the Temporal CLI, built into the cache on first use. */
export function temporalBinary(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const settings = devStack(env);
  return ensureGoBinary(settings.binCache, temporalCli(settings.temporalVersion), log);
}

/** Path of nats-server, built into the cache on first use. */
export function natsServerBinary(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const settings = devStack(env);
  return ensureGoBinary(settings.binCache, natsServer(settings.natsServerVersion), log);
}

/** Path of the project's S3 server (infra/s3), built into the cache when its sources changed. */
export function s3ServerBinary(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return ensureS3ServerBinary(devStack(env).binCache, log);
}

/** Paths of etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kubectl, built into the cache on first use (10–20 minutes). */
export function kubernetesBinaries(env: NodeJS.ProcessEnv = process.env): Promise<KubernetesBinaries> {
  return ensureKubernetesBinaries(devStack(env).binCache, log);
}

/** kwok and its stage files (the fake kubelet of the test control plane), built into the cache on first use. */
export function kwokInstallation(env: NodeJS.ProcessEnv = process.env): Promise<KwokInstallation> {
  return ensureKwok(devStack(env).binCache, log);
}

/** Path of helm, built into the cache on first use (where PITRIX_HELM_BINARY points by default). */
export function helmBinary(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return ensureGoBinary(devStack(env).binCache, helm(), log);
}
