import { loadDevStackConfig, type DevStackConfig } from '@pitrix/config';
import { explainExit, freePort, startProcess, waitUntilReady, type ManagedProcess, type PortNeed } from '@pitrix/devstack';
import { dirname, join } from 'node:path';
import { pitrixApiProbe } from './api-probe.js';
import { bootstrapAccounts } from './accounts-bootstrap.js';
import { ensureBinaries, prepareDatabase, startHub, startS3, startTemporal } from './dependencies.js';
import { ensureHelm, ensureKubernetesTools, startDevKubernetes, type DevKubernetes } from './dev-kubernetes.js';
import { registerDevKubernetesRuntime } from './kubernetes-runtime.js';
import { runNx } from './run-step.js';
import { logFile, pidFile } from './stack-files.js';
import { planStack, stopLeftovers } from './stack-plan.js';
import { refuseTakenPorts, stackPorts } from './stack-ports.js';
import { describeNotReady } from './startup-report.js';
import { workerPollingProbe } from './worker-probe.js';

/** How long the API and the worker get to answer after they are started (a cold start on 2 cores takes well under a minute). */
const READY_TIMEOUT_MS = 120_000;

/**
 * `npm start`: builds what is missing, stops what a crashed run left behind, checks that every
 * port it will bind is free, starts Temporal (dev server, SQLite), the NATS hub, the S3 server for
 * s3:// repositories, with PITRIX_DEV_KUBERNETES a Kubernetes control plane (registered as a
 * runtime with PITRIX_DEV_KUBERNETES_RUNTIME), the database, the API and the worker; prints the
 * URLs once the API answers and the worker polls; Ctrl-C stops everything in reverse order.
 */
async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadDevStackConfig(process.env);
  // PITRIX_API_PORT=0 "picks a free one": picked here, so the banner and the readiness check know it.
  if (config.api.port === 0) config.api.port = await freePort(config.api.host);
  const binaries = await ensureBinaries(config);
  await ensureHelm(config, log);
  const kubernetesTools = config.devStack.kubernetes ? await ensureKubernetesTools(config, log) : undefined;
  let kubernetes: DevKubernetes | undefined;
  const owned: ManagedProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (owned.length > 0) console.log('\npitrix: stopping');
    for (const child of [...owned].reverse()) await child.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  try {
    await stopLeftovers(config, binaries, process.execPath);
    const plan = await planStack(config, log);
    const ports = stackPorts(config, plan);
    await refuseTakenPorts(ports);
    if (plan.temporal === 'start') owned.push(await startTemporal(config, binaries.temporal));
    if (plan.hub === 'start') owned.push(await startHub(config, binaries.nats));
    if (plan.s3 === 'start') owned.push(await startS3(config, binaries.s3));
    if (kubernetesTools) {
      kubernetes = await startDevKubernetes(config, kubernetesTools, log);
      owned.push(...kubernetes.controlPlane.processes);
    }
    await prepareDatabase(config);
    const cliToken = await bootstrapAccounts(config, apiUrl(config), log);
    const build = await runNx('build', ['run-many', '-t', 'build', '-p', '@pitrix/api', '@pitrix/worker', '@pitrix/cli', '@pitrix/drone', '@pitrix/frontgate', '@pitrix/drone-simulator', '@pitrix/dashboard']);
    if (build.code !== 0) throw new Error('the build failed');
    const appEnv = {
      ...process.env,
      PITRIX_API_PORT: String(config.api.port),
      // A development installation: GraphQL introspection and the GraphiQL page are served.
      PITRIX_DEV_MODE: process.env.PITRIX_DEV_MODE ?? 'true',
      // Local instances find nats-server (and any other cached tool) on their PATH.
      PITRIX_LOCAL_BIN_PATHS: process.env.PITRIX_LOCAL_BIN_PATHS ?? dirname(binaries.nats),
      // Repos the developer serves on this machine (an http server, the dev S3 server) are on loopback,
      // which the fetch policy refuses by default; a set PITRIX_FETCH_ALLOW wins.
      PITRIX_FETCH_ALLOW: process.env.PITRIX_FETCH_ALLOW ?? '127.0.0.1,::1,localhost',
    };
    const worker = await startApp(config, 'worker', 'apps/worker/dist/main.js', appEnv);
    owned.push(worker);
    owned.push(await startApp(config, 'api', 'apps/api/dist/main.js', appEnv));
    const { address, namespace, taskQueue } = config.temporal;
    const readiness = await waitUntilReady({
      probes: [pitrixApiProbe(apiUrl(config), cliToken), workerPollingProbe({ binary: binaries.temporal, address, namespace, taskQueue }, worker.pid)],
      processes: owned,
      timeoutMs: READY_TIMEOUT_MS,
    });
    if (readiness.state !== 'READY') throw new Error(describeNotReady(readiness, ports, READY_TIMEOUT_MS));
    for (const child of owned) watch(child, ports, () => stopping, stopAll);
    if (kubernetes && kubernetesTools && config.devStack.kubernetesRuntime) await registerRuntime(kubernetes, kubernetesTools.binaries.kubectl, apiUrl(config), cliToken);
    printUrls(config, Date.now() - startedAt, kubernetes);
  } catch (err) {
    console.error(`pitrix: ${(err as Error).message}`);
    await stopAll(1);
  }
}

/** A runtime that cannot be registered (the provider refuses the credential, say) is reported; the stack keeps running. */
async function registerRuntime(kubernetes: DevKubernetes, kubectl: string, graphqlUrl: string, token: string): Promise<void> {
  try {
    const { kubeconfig } = kubernetes.controlPlane;
    log(await registerDevKubernetesRuntime({ graphqlUrl, token, kubeconfig, kubeconfigFile: kubernetes.kubeconfigFile, kubectl }));
  } catch (err) {
    console.error(`pitrix: could not register the dev Kubernetes control plane as a runtime: ${(err as Error).message}`);
  }
}

function log(line: string): void {
  console.log(`pitrix: ${line}`);
}

/** The API's /graphql URL as this machine reaches it (a wildcard listen address is reached on loopback). */
function apiUrl(config: DevStackConfig): string {
  const host = ['0.0.0.0', '::', ''].includes(config.api.host) ? '127.0.0.1' : config.api.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.api.port}/graphql`;
}

function startApp(config: DevStackConfig, name: 'worker' | 'api', entry: string, env: NodeJS.ProcessEnv): Promise<ManagedProcess> {
  return startProcess({
    name,
    env,
    command: process.execPath,
    args: ['--enable-source-maps', entry],
    logFile: logFile(config, name),
    pidFile: pidFile(config, name),
    echo: true,
    detached: true,
  });
}

/** A process that dies on its own takes the stack down with a message, rather than limping on. */
function watch(child: ManagedProcess, ports: readonly PortNeed[], isStopping: () => boolean, stopAll: (code: number) => Promise<void>): void {
  void child.exited.then((code) => {
    if (isStopping()) return;
    console.error(`pitrix: ${explainExit(child, code, ports).message}`);
    void stopAll(1);
  });
}

function printUrls(config: DevStackConfig, ms: number, kubernetes: DevKubernetes | undefined): void {
  const lines = [
    `Pitrix is up (${(ms / 1000).toFixed(1)} s).`,
    `  Dashboard         ${apiUrl(config).replace(/graphql$/, '')} (sign in as admin, password in ${join(config.home.home, 'admin-password')})`,
    `  GraphQL API       ${apiUrl(config)}`,
    `  Temporal UI       ${config.temporal.uiUrl}/namespaces/${config.temporal.namespace}/workflows`,
    `  Temporal gRPC     ${config.temporal.address}`,
    `  NATS hub          ${config.nats.url} (leaf nodes: ${config.devStack.natsLeafPort}, monitoring: http://127.0.0.1:${config.devStack.natsMonitorPort})`,
    `  S3 (repositories) ${config.s3.endpoint} (buckets: ${config.devStack.s3Buckets.join(', ')}; access key ${config.devStack.s3AccessKeyId}, secret in PITRIX_DEV_S3_SECRET_ACCESS_KEY)`,
    `  PostgreSQL        ${config.database.url.replace(/:[^:@/]*@/, ':***@')}`,
    ...(kubernetes
      ? [`  Kubernetes        ${kubernetes.controlPlane.server} (kubeconfig: ${kubernetes.kubeconfigFile}; kwok fake nodes, logs in ${join(kubernetes.controlPlane.dir, 'logs')})`]
      : []),
    `  Logs              ${join(config.home.home, 'logs')}`,
    `Try: npx pitrix status    Stop: Ctrl-C`,
  ];
  console.log(`\n${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  console.error(`pitrix: ${(err as Error).message}`);
  process.exit(1);
});
