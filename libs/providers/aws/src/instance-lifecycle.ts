import { CreateTagsCommand, ModifyInstanceAttributeCommand, StartInstancesCommand, StopInstancesCommand, TerminateInstancesCommand, type Instance as Ec2Instance } from '@aws-sdk/client-ec2';
import { hasErrorCode, PitrixError } from '@pitrix/errors';
import type { InstanceStateResult, ResizeInstanceRequest, TerminateResult } from '@pitrix/provider-contract';
import { chooseInstanceType } from './instance-types.js';
import { ec2State, isGone, toInstance } from './instance-view.js';
import { locks, type SessionDeps } from './session-deps.js';
import { TAG } from './tags.js';

/**
 * Start, stop, terminate and resize. Each one first reads the instance and does nothing when it is
 * already where it should be, then waits for EC2 to finish the change, so a repeated call is
 * harmless and a finished call means a finished change.
 */
export class AwsInstanceLifecycle {
  constructor(private readonly deps: SessionDeps) {}

  /** Starts a stopped instance (waiting out a stop in progress) and waits for `running`. */
  async startInstance(instanceId: string): Promise<InstanceStateResult> {
    return locks.run(instanceId, async () => this.view(await this.start(await this.deps.reader.require(instanceId, 'start'))));
  }

  /** Stops a running instance (waiting out a launch in progress) and waits for `stopped`. */
  async stopInstance(instanceId: string): Promise<InstanceStateResult> {
    return locks.run(instanceId, async () => this.view(await this.stop(await this.deps.reader.require(instanceId, 'stop'))));
  }

  /** An unknown, shutting-down or terminated instance is `alreadyGone`; otherwise waits for `terminated`. */
  async terminateInstance(instanceId: string): Promise<TerminateResult> {
    return locks.run(instanceId, async () => {
      const instance = await this.deps.reader.byId(instanceId);
      if (!instance || isGone(instance)) return { instanceId, alreadyGone: true };
      try {
        await this.deps.ec2.call('TerminateInstances', (c) => c.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] })));
      } catch (err) {
        if (hasErrorCode(err, 'RUNTIME.INSTANCE_NOT_FOUND')) return { instanceId, alreadyGone: true };
        throw err;
      }
      this.deps.log(`TerminateInstances ${instanceId}`);
      await this.deps.reader.waitGone(instanceId);
      return { instanceId, alreadyGone: false };
    });
  }

  /**
   * EC2 changes the type of a stopped instance only. A running instance is therefore stopped,
   * changed and started again (same id, private address and volumes; its agent restarts under
   * systemd); a stopped one stays stopped. The requested size is recorded in the size tags, also
   * when the chosen type does not change.
   */
  async resizeInstance(request: ResizeInstanceRequest): Promise<InstanceStateResult> {
    if (!Number.isInteger(request.cpu) || request.cpu < 1 || !Number.isInteger(request.memoryMiB) || request.memoryMiB < 64) {
      throw new PitrixError('INPUT.INVALID', 'cpu must be an integer >= 1 and memoryMiB an integer >= 64', [{ path: 'cpu', message: 'size too small', found: request }]);
    }
    return locks.run(request.instanceId, async () => {
      let instance = await this.deps.reader.require(request.instanceId, 'resize');
      const current = toInstance(instance, this.deps.options.instanceTypes);
      const type = chooseInstanceType({ cpu: request.cpu, memoryMiB: request.memoryMiB, gpu: current.gpu }, this.deps.options.instanceTypes);
      if (type.type !== instance.InstanceType) instance = await this.changeType(instance, type.type);
      await this.deps.ec2.call('CreateTags', (c) =>
        c.send(new CreateTagsCommand({ Resources: [request.instanceId], Tags: [{ Key: TAG.cpu, Value: String(request.cpu) }, { Key: TAG.memoryMiB, Value: String(request.memoryMiB) }] })),
      );
      return this.view(await this.deps.reader.require(request.instanceId, 'resize'));
    });
  }

  private async changeType(instance: Ec2Instance, type: string): Promise<Ec2Instance> {
    const id = instance.InstanceId as string;
    const wasRunning = ['pending', 'running'].includes(ec2State(instance));
    const stopped = await this.stop(instance);
    await this.deps.ec2.call('ModifyInstanceAttribute', (c) => c.send(new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: type } })));
    this.deps.log(`ModifyInstanceAttribute ${id} InstanceType ${stopped.InstanceType} -> ${type}`);
    return wasRunning ? this.start(await this.deps.reader.require(id, 'resize')) : stopped;
  }

  private async start(instance: Ec2Instance): Promise<Ec2Instance> {
    const id = instance.InstanceId as string;
    const state = ec2State(instance);
    if (state === 'running') return instance;
    if (state === 'pending') return this.deps.reader.waitFor(id, ['running']);
    if (state === 'stopping') await this.deps.reader.waitFor(id, ['stopped']);
    await this.deps.ec2.call('StartInstances', (c) => c.send(new StartInstancesCommand({ InstanceIds: [id] })));
    this.deps.log(`StartInstances ${id}`);
    return this.deps.reader.waitFor(id, ['running']);
  }

  private async stop(instance: Ec2Instance): Promise<Ec2Instance> {
    const id = instance.InstanceId as string;
    const state = ec2State(instance);
    if (state === 'stopped') return instance;
    if (state === 'stopping') return this.deps.reader.waitFor(id, ['stopped']);
    if (state === 'pending') await this.deps.reader.waitFor(id, ['running']);
    await this.deps.ec2.call('StopInstances', (c) => c.send(new StopInstancesCommand({ InstanceIds: [id] })));
    this.deps.log(`StopInstances ${id}`);
    return this.deps.reader.waitFor(id, ['stopped']);
  }

  private view(instance: Ec2Instance): InstanceStateResult {
    return { instance: toInstance(instance, this.deps.options.instanceTypes) };
  }
}
