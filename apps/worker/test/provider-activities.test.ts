import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { CredentialStore, RuntimeStore } from '@pitrix/runtime-store';
import { startProcess, type ManagedProcess } from '@pitrix/devstack';
import type { Instance } from '@pitrix/provider-contract';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkerConfig } from '@pitrix/config';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflows } from '../src/workflow-bundle.js';
import { startWorkerHarness, type WorkerHarness } from './support/worker-harness.js';

const probeWorkflows = join(__dirname, 'support', 'probe.workflows.ts');
const crashingWorker = join(__dirname, 'support', 'crash-after-run-instance.worker.ts');
const SECRET = 'credential-secret-that-must-never-leak';
const ROOT_TSCONFIG = join(__dirname, '../../../tsconfig.json');

async function waitFor(what: string, check: () => boolean, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every payload of a history, decoded: what Temporal stores for inputs and results. */
function decodedPayloads(historyJson: string): string {
  return [...historyJson.matchAll(/"data":\s*"([A-Za-z0-9+/=]+)"/g)].map((m) => Buffer.from(m[1] as string, 'base64').toString('utf8')).join('\n');
}

function liveInstances(localRoot: string): string[] {
  const dir = join(localRoot, 'instances');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((id) => {
    const record = JSON.parse(readFileSync(join(dir, id, 'instance.json'), 'utf8')) as { status: string; name: string };
    return record.status !== 'terminated' && record.name === 'probe';
  });
}

describe('provider activities on a real worker, real Temporal and the local provider', () => {
  let harness: WorkerHarness;
  let runtimeId: string;
  let probeBundle: { code: string };
  const processes: ManagedProcess[] = [];
  const logs: string[] = [];

  beforeAll(async () => {
    harness = await startWorkerHarness('provider_activities');
    probeBundle = await bundleWorkflows('typescript', { workflowsPath: probeWorkflows });
    const config = loadWorkerConfig(harness.workerProcessEnv());
    const credentials = new CredentialStore(harness.db.dataSource, new SecretBox(parseKeyRing(config.secrets.keys)));
    const credential = await credentials.create({ owner: 'usr-admin', ownerPath: 'usr-admin', name: 'machine', description: '', provider: 'local', secret: { token: SECRET } });
    const runtime = await new RuntimeStore(harness.db.dataSource, credentials).create({
      owner: 'usr-admin', ownerPath: 'usr-admin', name: 'local', description: '', provider: 'local', zone: 'local', credentialId: credential.id, labels: {}, options: {},
    });
    runtimeId = runtime.id;
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await harness.close();
  });

  it('a worker killed between "instance started" and "result recorded" leaves exactly one instance', async () => {
    const workflowId = `probe-crash-${Date.now()}`;
    const handle = await harness.env.client.workflow.start('provisionProbe', { taskQueue: harness.taskQueue, workflowId, args: [{ runtimeId, terminate: false }] });
    const scratch = mkdtempSync(join(tmpdir(), 'pitrix-crash-'));
    const marker = join(scratch, 'run-instance-returned.json');
    const bundleFile = join(scratch, 'probe.bundle.js');
    writeFileSync(bundleFile, probeBundle.code);
    const crashing = await startProcess({
      name: 'crashing-worker',
      command: process.execPath,
      args: ['--conditions=@pitrix/source', '--import', 'tsx', crashingWorker],
      // tsx applies a tsconfig only to the files it includes: the root one includes the libraries,
      // whose TypeORM entities need its legacy decorators.
      env: { ...harness.workerProcessEnv(), TSX_TSCONFIG_PATH: ROOT_TSCONFIG, CRASH_MARKER_FILE: marker, CRASH_INSTANCE_NAME: 'probe', CRASH_WORKFLOW_BUNDLE: bundleFile },
      logFile: `${marker}.log`,
    });
    processes.push(crashing);
    await waitFor('runInstance to return on the crashing worker', () => {
      if (!existsSync(marker) && !crashing.isAlive()) throw new Error(`the crashing worker exited before runInstance returned; see ${marker}.log`);
      return existsSync(marker);
    });
    const started = JSON.parse(readFileSync(marker, 'utf8')) as Instance;
    await crashing.kill();
    expect(liveInstances(harness.localRoot)).toEqual([started.id]);

    const worker = await harness.createWorker({ workflowBundle: probeBundle });
    const result = (await worker.runUntil(handle.result())) as Instance;
    expect(result.id).toBe(started.id);
    expect(liveInstances(harness.localRoot)).toEqual([started.id]);
    const history = await handle.fetchHistory();
    const attempts = history.events?.filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes?.attempt);
    expect(Math.max(...(attempts ?? []).map(Number))).toBeGreaterThanOrEqual(2);
    // The crashing worker compiles the sources with tsx first, which takes minutes on a loaded CI machine.
  }, 300_000);

  it('runs and terminates an instance, and the credential appears in no workflow payload and no log', async () => {
    const capture = (line: unknown) => logs.push(String(line));
    const original = { log: console.log, warn: console.warn, error: console.error };
    Object.assign(console, { log: capture, warn: capture, error: capture });
    try {
      const workflowId = `probe-clean-${Date.now()}`;
      const worker = await harness.createWorker({ workflowBundle: probeBundle });
      const handle = await harness.env.client.workflow.start('provisionProbe', { taskQueue: harness.taskQueue, workflowId, args: [{ runtimeId, terminate: true }] });
      const instance = (await worker.runUntil(handle.result())) as Instance;
      expect(liveInstances(harness.localRoot)).not.toContain(instance.id);
      const payloads = decodedPayloads(historyToJSON(await handle.fetchHistory()));
      expect(payloads).toContain(runtimeId);
      expect(payloads).toContain(instance.id);
      expect(payloads).not.toContain(SECRET);
    } finally {
      Object.assign(console, original);
    }
    expect(logs.join('\n')).not.toContain(SECRET);
  });
});
