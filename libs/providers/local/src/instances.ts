import { PitrixError } from '@pitrix/errors';
import {
  instanceNotFound,
  invalidState,
  quotaExceeded,
  type DescribeInstancesRequest,
  type DescribeInstancesResult,
  type Instance,
  type InstanceApi,
  type InstanceStateResult,
  type ResizeInstanceRequest,
  type RunInstanceRequest,
  type RunInstanceResult,
  type TerminateResult,
} from '@pitrix/provider-contract';
import { mkdirSync } from 'node:fs';
import { agentProcessSpec, dataDir } from './agent-process.js';
import type { DroneSimulator } from './drone-simulator.js';
import type { CgroupLimiter } from './cgroups.js';
import { LOCAL_IMAGE, toInstance, type InstanceRecord } from './instance-record.js';
import { KeyedMutex } from './keyed-mutex.js';
import { ensureInstanceNamespace, instanceInterfaces, removeInstanceNamespace } from './netns.js';
import type { Networks } from './networks.js';
import type { LocalProviderConfig, LocalRuntimeOptions } from './options.js';
import { isRunning, startDetached, stopGroup } from './processes.js';
import type { Usage } from './usage.js';
import { tokenKey, type StateStore } from './state-store.js';

const locks = new KeyedMutex();

/** Everything the instance operations need. */
export interface InstanceDeps {
  readonly store: StateStore;
  readonly config: LocalProviderConfig;
  readonly options: LocalRuntimeOptions;
  readonly zone: string;
  readonly networks: Networks;
  readonly limiter: CgroupLimiter;
  readonly usage: Usage;
  readonly volumes: { releaseFrom(instanceId: string): void; idsAttachedTo(instanceId: string): string[] };
  readonly simulator: DroneSimulator;
}

/** Instances as processes on this machine; see the provider contract for each method's promise. */
export class LocalInstances implements InstanceApi {
  constructor(private readonly deps: InstanceDeps) {}

  async runInstance(request: RunInstanceRequest): Promise<RunInstanceResult> {
    validateRun(request);
    const id = `i-${tokenKey(request.clientToken).slice(0, 16)}`;
    return locks.run(id, async () => {
      const existing = this.read(id);
      // Only a creation cut short by a crash ('pending') is resumed; anything else is returned as is.
      if (existing && existing.status !== 'pending') return { instance: this.view(this.refresh(existing)), created: false };
      if (!existing) this.checkQuota(request);
      const record = existing ?? (await this.createRecord(id, request));
      await this.launch(record, request.agent);
      return { instance: this.view(record), created: !existing };
    });
  }

  async describeInstances(request: DescribeInstancesRequest): Promise<DescribeInstancesResult> {
    const records = this.all().filter((record) => record.status !== 'terminated' && matches(record, request));
    return { instances: records.map((record) => this.view(this.refresh(record))) };
  }

  async startInstance(instanceId: string): Promise<InstanceStateResult> {
    return locks.run(instanceId, async () => {
      const record = this.require(instanceId, 'start');
      if (!this.alive(record)) await this.launch(record, this.bootstrap(record));
      return { instance: this.view(record) };
    });
  }

  async stopInstance(instanceId: string): Promise<InstanceStateResult> {
    return locks.run(instanceId, async () => {
      const record = this.require(instanceId, 'stop');
      await this.stopAgent(record);
      record.status = 'stopped';
      record.process = undefined;
      this.save(record);
      return { instance: this.view(record) };
    });
  }

  async terminateInstance(instanceId: string): Promise<TerminateResult> {
    return locks.run(instanceId, async () => {
      const record = this.read(instanceId);
      if (!record || record.status === 'terminated') return { instanceId, alreadyGone: true };
      await this.stopAgent(record);
      this.deps.volumes.releaseFrom(record.id);
      this.deps.limiter.release(record.id);
      if (record.namespace) await removeInstanceNamespace(record.id);
      if (record.agentKind === 'drone') this.deps.networks.releaseAddress(this.deps.networks.recorded(record.networkId), record.id);
      this.deps.store.remove('instances', record.id, 'disk');
      this.deps.store.remove('instances', record.id, 'bootstrap.json');
      Object.assign(record, { status: 'terminated', process: undefined });
      this.save(record);
      return { instanceId, alreadyGone: false };
    });
  }

  async resizeInstance(request: ResizeInstanceRequest): Promise<InstanceStateResult> {
    if (!(request.cpu >= 1) || !(request.memoryMiB >= 64)) {
      throw new PitrixError('INPUT.INVALID', 'cpu must be >= 1 and memoryMiB >= 64', [{ path: 'cpu', message: 'size too small', found: request }]);
    }
    return locks.run(request.instanceId, async () => {
      const record = this.require(request.instanceId, 'resize');
      record.cpu = request.cpu;
      record.memoryMiB = request.memoryMiB;
      if (record.process && isRunning(record.process)) record.limits = this.deps.limiter.apply(record.id, record.process.pid, record);
      this.save(record);
      return { instance: this.view(record) };
    });
  }

  private view(record: InstanceRecord): Instance {
    return toInstance(record, this.deps.volumes.idsAttachedTo(record.id));
  }

  /** Records of this zone (including terminated tombstones). */
  all(): InstanceRecord[] {
    return this.deps.store
      .list('instances')
      .map((id) => this.read(id))
      .filter((record): record is InstanceRecord => record !== undefined && record.zone === this.deps.zone);
  }

  private async createRecord(id: string, request: RunInstanceRequest): Promise<InstanceRecord> {
    const network = await this.deps.networks.get(request.networkId);
    const namespaced = !this.deps.options.simulateDrones;
    const privateIp = request.agent.kind === 'frontgate' ? network.gatewayIp : this.deps.networks.allocateAddress(network, id, { namespaced });
    const record: InstanceRecord = {
      id,
      clientToken: request.clientToken,
      name: request.name,
      zone: this.deps.zone,
      status: 'pending',
      privateIp,
      networkId: network.id,
      cpu: request.cpu,
      memoryMiB: request.memoryMiB,
      gpu: request.gpu ?? 0,
      // A role's container image is not pulled: the software runs from this machine (containerImages 'ignored').
      imageId: request.imageId ?? LOCAL_IMAGE.id,
      tags: { ...(request.tags ?? {}) },
      agentKind: request.agent.kind,
      createdAt: new Date().toISOString(),
    };
    mkdirSync(dataDir(this.deps.config.root, id), { recursive: true });
    // The bootstrap is this instance's user-data: it may hold the agent's credential.
    this.deps.store.writeText(JSON.stringify(request.agent), 0o600, 'instances', id, 'bootstrap.json');
    this.save(record);
    return record;
  }

  private async launch(record: InstanceRecord, agent: RunInstanceRequest['agent']): Promise<void> {
    const network = await this.deps.networks.get(record.networkId);
    mkdirSync(dataDir(this.deps.config.root, record.id), { recursive: true });
    if (agent.kind === 'drone' && this.deps.options.simulateDrones) {
      const spec = agentProcessSpec(this.deps.config, record, agent);
      await this.deps.simulator.add(record.id, { env: definedOnly(spec.env), commandMs: this.deps.options.simulatedCommandMs });
      record.simulated = true;
      record.status = 'running';
      this.save(record);
      return;
    }
    if (agent.kind === 'drone' && network.mode === 'namespaces') {
      // Recorded before it exists, so that a launch that fails half-way leaves nothing terminate cannot find.
      record.namespace = instanceInterfaces(record.id).namespace;
      this.save(record);
      await ensureInstanceNamespace({ instanceId: record.id, bridgeIndex: network.bridgeIndex as number, ip: record.privateIp, prefixLength: 24 });
    }
    record.process = await startDetached(agentProcessSpec(this.deps.config, record, agent, record.namespace));
    record.limits = this.deps.limiter.apply(record.id, record.process.pid, record);
    record.status = 'running';
    this.save(record);
  }

  private checkQuota(request: RunInstanceRequest): void {
    const demand = { instances: 1, cpu: request.cpu, memoryMiB: request.memoryMiB, volumes: 0, volumeGiB: 0 };
    const shortfalls = this.deps.usage.shortfalls(demand);
    if (shortfalls.length > 0) throw quotaExceeded(demand, shortfalls);
  }

  private bootstrap(record: InstanceRecord): RunInstanceRequest['agent'] {
    const agent = this.deps.store.read<RunInstanceRequest['agent']>('instances', record.id, 'bootstrap.json');
    if (!agent) throw invalidState(`instance ${record.id}`, 'missing its bootstrap', 'start');
    return agent;
  }

  private require(instanceId: string, action: string): InstanceRecord {
    const record = this.read(instanceId);
    if (!record) throw instanceNotFound(instanceId);
    if (record.status === 'terminated') throw invalidState(`instance ${instanceId}`, 'terminated', action);
    return this.refresh(record);
  }

  private alive(record: InstanceRecord): boolean {
    return record.simulated ? this.deps.simulator.has(record.id) : isRunning(record.process);
  }

  private async stopAgent(record: InstanceRecord): Promise<void> {
    if (record.simulated) this.deps.simulator.remove(record.id);
    else await stopGroup(record.process);
  }

  /** A process that died on its own shows as stopped: status is observed, never assumed. */
  private refresh(record: InstanceRecord): InstanceRecord {
    if (record.status === 'running' && !this.alive(record)) {
      record.status = 'stopped';
      record.process = undefined;
      this.save(record);
    }
    return record;
  }

  private read(id: string): InstanceRecord | undefined {
    if (!/^i-[0-9a-f]{16}$/.test(id)) return undefined;
    return this.deps.store.read<InstanceRecord>('instances', id, 'instance.json');
  }

  private save(record: InstanceRecord): void {
    this.deps.store.write(record, 'instances', record.id, 'instance.json');
  }
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function validateRun(request: RunInstanceRequest): void {
  const problems = [];
  if (!request.clientToken) problems.push({ path: 'clientToken', message: 'required' });
  if (!Number.isInteger(request.cpu) || request.cpu < 1) problems.push({ path: 'cpu', message: 'must be an integer >= 1', found: request.cpu });
  if (!Number.isInteger(request.memoryMiB) || request.memoryMiB < 64) problems.push({ path: 'memoryMiB', message: 'must be an integer >= 64', found: request.memoryMiB });
  for (const key of Object.keys(request.tags ?? {})) {
    if (key.startsWith('pitrix:')) problems.push({ path: `tags.${key}`, message: 'reserved tag key', expected: 'a key without the pitrix: prefix', found: key });
  }
  if (problems.length > 0) throw new PitrixError('INPUT.INVALID', 'Invalid instance request', problems);
}

function matches(record: InstanceRecord, request: DescribeInstancesRequest): boolean {
  if (request.instanceIds && !request.instanceIds.includes(record.id)) return false;
  if (request.clientTokens && !request.clientTokens.includes(record.clientToken)) return false;
  for (const [key, value] of Object.entries(request.tags ?? {})) if (record.tags[key] !== value) return false;
  return true;
}

