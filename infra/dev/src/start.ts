import { loadDevStackConfig, type DevStackConfig } from '@pitrix/config';
import { startProcess, waitForPort, type ManagedProcess } from '@pitrix/devstack';
import { dirname, join } from 'node:path';
import { ensureBinaries, prepareDatabase, startHub, startS3, startTemporal } from './dependencies.js';
import { runNx } from './run-step.js';

/**
 * `npm start`: builds what is missing, starts Temporal (dev server, SQLite), the NATS hub, the
 * S3 server for s3:// repositories, the database, the API and the worker; prints the URLs; Ctrl-C stops everything in reverse order.
 */
async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadDevStackConfig(process.env);
  const binaries = await ensureBinaries(config);
  const owned: ManagedProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\npitrix: stopping');
    for (const child of [...owned].reverse()) await child.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  try {
    const temporal = await startTemporal(config, binaries.temporal);
    if (temporal) owned.push(temporal);
    const hub = await startHub(config, binaries.nats);
    if (hub) owned.push(hub);
    const s3 = await startS3(config, binaries.s3);
    if (s3) owned.push(s3);
    await prepareDatabase(config);
    const build = await runNx('build', ['run-many', '-t', 'build', '-p', '@pitrix/api', '@pitrix/worker', '@pitrix/cli', '@pitrix/drone', '@pitrix/frontgate', '@pitrix/drone-simulator']);
    if (build.code !== 0) throw new Error('the build failed');
    // Local instances find nats-server (and any other cached tool) on their PATH.
    const appEnv = { ...process.env, PITRIX_LOCAL_BIN_PATHS: process.env.PITRIX_LOCAL_BIN_PATHS ?? dirname(binaries.nats) };
    owned.push(await startApp(config, 'worker', 'apps/worker/dist/main.js', appEnv));
    const api = await startApp(config, 'api', 'apps/api/dist/main.js', appEnv);
    owned.push(api);
    await waitForPort(config.api.host, config.api.port, { timeoutMs: 60_000, what: 'the API', isAlive: api.isAlive });
    for (const child of owned) watch(child, () => stopping, stopAll);
    printUrls(config, Date.now() - startedAt);
  } catch (err) {
    console.error(`pitrix: ${(err as Error).message}`);
    await stopAll(1);
  }
}

function startApp(config: DevStackConfig, name: string, entry: string, env: NodeJS.ProcessEnv): Promise<ManagedProcess> {
  return startProcess({
    name,
    env,
    command: process.execPath,
    args: ['--enable-source-maps', entry],
    logFile: join(config.home.home, 'logs', `${name}.log`),
    pidFile: join(config.home.home, 'run', `${name}.pid`),
    echo: true,
    detached: true,
  });
}

/** A process that dies on its own takes the stack down with a message, rather than limping on. */
function watch(child: ManagedProcess, isStopping: () => boolean, stopAll: (code: number) => Promise<void>): void {
  void child.exited.then((code) => {
    if (isStopping()) return;
    console.error(`pitrix: ${child.name} exited (${code}); see ${child.logFile}`);
    void stopAll(1);
  });
}

function printUrls(config: DevStackConfig, ms: number): void {
  const lines = [
    `Pitrix is up (${(ms / 1000).toFixed(1)} s).`,
    `  GraphQL API       http://${config.api.host}:${config.api.port}/graphql`,
    `  Temporal UI       ${config.temporal.uiUrl}/namespaces/${config.temporal.namespace}/workflows`,
    `  Temporal gRPC     ${config.temporal.address}`,
    `  NATS hub          ${config.nats.url} (leaf nodes: ${config.devStack.natsLeafPort}, monitoring: http://127.0.0.1:${config.devStack.natsMonitorPort})`,
    `  S3 (repositories) ${config.s3.endpoint} (buckets: ${config.devStack.s3Buckets.join(', ')}; access key ${config.devStack.s3AccessKeyId}, secret in PITRIX_DEV_S3_SECRET_ACCESS_KEY)`,
    `  PostgreSQL        ${config.database.url.replace(/:[^:@/]*@/, ':***@')}`,
    `  Logs              ${join(config.home.home, 'logs')}`,
    `Try: npx pitrix status    Stop: Ctrl-C`,
  ];
  console.log(`\n${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  console.error(`pitrix: ${(err as Error).message}`);
  process.exit(1);
});
