import { RunInstancesCommand, type Instance as Ec2Instance, type RunInstancesCommandInput, type Subnet } from '@aws-sdk/client-ec2';
import { PitrixError, type Problem } from '@pitrix/errors';
import type { DescribeInstancesRequest, DescribeInstancesResult, RunInstanceRequest, RunInstanceResult } from '@pitrix/provider-contract';
import { ec2ClientToken } from './client-token.js';
import { isClientTokenReuse } from './ec2-errors.js';
import { LIVE_STATES } from './instance-reader.js';
import { chooseInstanceType, type InstanceTypeSize } from './instance-types.js';
import { ec2State, toInstance } from './instance-view.js';
import { locks, type SessionDeps } from './session-deps.js';
import { checkCallerTags, literal, TAG, tagFilters, tagSpec } from './tags.js';
import { encodeUserData, renderUserData } from './user-data.js';

/** Running and describing instances; see the provider contract for each method's promise. */
export class AwsInstances {
  constructor(private readonly deps: SessionDeps) {}

  /**
   * Looks the token up first (`client-token` filter), so a repeated call returns the instance
   * without launching; otherwise checks the network and the quota, launches with the token as
   * EC2's `ClientToken`, and waits until the instance leaves `pending`.
   */
  async runInstance(request: RunInstanceRequest): Promise<RunInstanceResult> {
    validateRun(request);
    return locks.run(`run:${request.clientToken}`, async () => {
      const existing = await this.deps.reader.byToken(request.clientToken);
      if (existing) return { instance: await this.settled(existing), created: false };
      const subnet = await this.deps.subnets.require(request.networkId);
      await this.deps.quota.ensureFits({ instances: 1, cpu: request.cpu, memoryMiB: request.memoryMiB, volumes: 0, volumeGiB: 0 });
      const type = chooseInstanceType(request, this.deps.options.instanceTypes);
      const { instance, created } = await this.launch(request, subnet, type);
      if (created) this.deps.log(`RunInstances ${instance.InstanceId} (${type.type} in ${subnet.SubnetId}) for client token ${request.clientToken}`);
      return { instance: await this.settled(instance), created };
    });
  }

  /** Live managed instances of the zone matching every given criterion (terminated ones are omitted). */
  async describeInstances(request: DescribeInstancesRequest): Promise<DescribeInstancesResult> {
    if (request.instanceIds?.length === 0 || request.clientTokens?.length === 0) return { instances: [] };
    const filters = [{ Name: 'instance-state-name', Values: [...LIVE_STATES] }, ...tagFilters(request.tags ?? {})];
    if (request.instanceIds) filters.push({ Name: 'instance-id', Values: [...request.instanceIds] });
    if (request.clientTokens) filters.push({ Name: 'client-token', Values: request.clientTokens.map((token) => literal(ec2ClientToken(token))) });
    const found = await this.deps.reader.find(filters);
    return { instances: found.map((instance) => toInstance(instance, this.deps.options.instanceTypes)) };
  }

  /** Launches one instance; when EC2 says the token was used with other parameters and its instance exists, that one is returned. */
  private async launch(request: RunInstanceRequest, subnet: Subnet, type: InstanceTypeSize): Promise<{ instance: Ec2Instance; created: boolean }> {
    const input = await this.launchInput(request, subnet, type);
    try {
      const { Instances = [] } = await this.deps.ec2.call('RunInstances', (c) => c.send(new RunInstancesCommand(input)));
      const [instance] = Instances;
      if (!instance) throw new Error('EC2 RunInstances answered without an instance');
      // EC2 answers a repeated token with the first launch; only a fresh launch is still pending.
      return { instance, created: ec2State(instance) === 'pending' };
    } catch (err) {
      // Another worker launched with this token meanwhile, with other parameters: its instance is the one.
      const theirs = isClientTokenReuse(err) ? await this.deps.reader.byToken(request.clientToken) : undefined;
      if (theirs) return { instance: theirs, created: false };
      throw err;
    }
  }

  private async launchInput(request: RunInstanceRequest, subnet: Subnet, type: InstanceTypeSize): Promise<RunInstancesCommandInput> {
    const { options } = this.deps;
    // Rendered first: a bootstrap EC2 would refuse must not leave anything behind.
    const userData = encodeUserData(renderUserData(request.agent, options));
    const groups = options.securityGroupIds.length > 0 ? [...options.securityGroupIds] : undefined;
    // A frontgate takes its subnet's fixed address (see frontgate-address.ts); others get any free one.
    const frontgate = request.agent.kind === 'frontgate' ? await this.deps.frontgates.ensure(subnet) : undefined;
    const tags = {
      ...request.tags,
      [TAG.name]: request.name,
      [TAG.managed]: 'true',
      [TAG.clientToken]: request.clientToken,
      [TAG.agent]: request.agent.kind,
      [TAG.cpu]: String(request.cpu),
      [TAG.memoryMiB]: String(request.memoryMiB),
      [TAG.gpu]: String(request.gpu ?? 0),
    };
    return {
      ClientToken: ec2ClientToken(request.clientToken),
      MinCount: 1,
      MaxCount: 1,
      // A container image the `images` option does not map boots the agent image.
      ImageId: request.imageId ?? (request.containerImage === undefined ? undefined : options.images.get(request.containerImage)) ?? options.imageId,
      InstanceType: type.type as RunInstancesCommandInput['InstanceType'],
      ...(frontgate
        ? { NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: frontgate.NetworkInterfaceId, DeleteOnTermination: false }] }
        : { SubnetId: subnet.SubnetId, SecurityGroupIds: groups }),
      KeyName: options.keyName,
      UserData: userData,
      MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
      TagSpecifications: [tagSpec('instance', tags)],
    };
  }

  /** The instance once it has left `pending`, as the contract sees it. */
  private async settled(instance: Ec2Instance) {
    const id = instance.InstanceId as string;
    const current = instance.State?.Name === 'pending' ? await this.deps.reader.waitFor(id, ['running', 'stopping', 'stopped', 'shutting-down', 'terminated']) : instance;
    return toInstance(current, this.deps.options.instanceTypes);
  }
}

function validateRun(request: RunInstanceRequest): void {
  const problems: Problem[] = [];
  if (!request.clientToken) problems.push({ path: 'clientToken', message: 'required' });
  if (!Number.isInteger(request.cpu) || request.cpu < 1) problems.push({ path: 'cpu', message: 'must be an integer >= 1', found: request.cpu });
  if (!Number.isInteger(request.memoryMiB) || request.memoryMiB < 64) problems.push({ path: 'memoryMiB', message: 'must be an integer >= 64', found: request.memoryMiB });
  if (request.gpu !== undefined && (!Number.isInteger(request.gpu) || request.gpu < 0)) problems.push({ path: 'gpu', message: 'must be an integer >= 0', found: request.gpu });
  if (!request.name || request.name.length > 255) problems.push({ path: 'name', message: 'must have 1 to 255 characters', found: request.name });
  if (request.agent.kind !== 'drone' && request.agent.kind !== 'frontgate') problems.push({ path: 'agent.kind', message: 'unknown agent', expected: 'drone or frontgate', found: request.agent.kind });
  if (problems.length > 0) throw new PitrixError('INPUT.INVALID', 'Invalid instance request', problems);
  checkCallerTags(request.tags);
}
