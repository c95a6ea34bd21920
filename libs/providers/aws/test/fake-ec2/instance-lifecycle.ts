import { INSTANCE_TYPE_VCPUS } from './catalog.js';
import { Ec2Fault, incorrectInstanceState, missingParameter } from './faults.js';
import type { Call } from './call.js';
import { requireInstance } from './lookup.js';
import type { FakeInstance, InstanceStateName } from './model.js';
import { stateXml } from './render.js';
import { checkLimits } from './run-instances.js';
import type { FakeWorld } from './world.js';
import type { XmlValue } from './xml.js';

/** StartInstances: `stopped` → `pending` → `running`; a running instance is left as is; others are `IncorrectInstanceState`. */
export function startInstances(call: Call): Record<string, XmlValue> {
  return changeStates(call, (instance) => {
    if (instance.state === 'running' || instance.state === 'pending') return;
    if (instance.state !== 'stopped') throw incorrectInstanceState(instance.id, instance.state, 'started');
    checkLimits(call, 1, INSTANCE_TYPE_VCPUS[instance.instanceType] ?? 0);
    instance.state = 'pending';
    call.world.later(() => {
      if (instance.state === 'pending') instance.state = 'running';
    });
  });
}

/** StopInstances: `running` → `stopping` → `stopped`; stopping or stopped is left as is; others are `IncorrectInstanceState`. */
export function stopInstances(call: Call): Record<string, XmlValue> {
  return changeStates(call, (instance) => {
    if (instance.state === 'stopped' || instance.state === 'stopping') return;
    if (instance.state !== 'running') throw incorrectInstanceState(instance.id, instance.state, 'stopped');
    instance.state = 'stopping';
    call.world.later(() => {
      if (instance.state === 'stopping') instance.state = 'stopped';
    });
  });
}

/**
 * TerminateInstances: any live instance goes `shutting-down` → `terminated`; terminating again
 * succeeds. On termination, volumes with delete-on-termination go away, the others detach, the
 * primary interface created with the instance is deleted and one attached from outside is freed.
 */
export function terminateInstances(call: Call): Record<string, XmlValue> {
  return changeStates(call, (instance) => {
    if (instance.state === 'shutting-down' || instance.state === 'terminated') return;
    instance.state = 'shutting-down';
    call.world.later(() => finishTermination(call.world, instance));
  });
}

/**
 * ModifyInstanceAttribute, `InstanceType.Value` only: EC2 changes the type of a stopped instance
 * only (`IncorrectInstanceState` otherwise); an unknown type is `InvalidInstanceAttributeValue`.
 */
export function modifyInstanceAttribute(call: Call): Record<string, XmlValue> {
  const instance = requireInstance(call.world, call.region, call.params.required('InstanceId'));
  const type = call.params.get('InstanceType.Value');
  if (type === undefined) throw missingParameter('InstanceType.Value');
  if (INSTANCE_TYPE_VCPUS[type] === undefined) throw new Ec2Fault('InvalidInstanceAttributeValue', `Unknown instance type ${type}`);
  if (instance.state !== 'stopped') throw incorrectInstanceState(instance.id, instance.state, 'modified');
  instance.instanceType = type;
  return { return: true };
}

function changeStates(call: Call, change: (instance: FakeInstance) => void): Record<string, XmlValue> {
  const ids = call.params.list('InstanceId');
  if (ids.length === 0) throw missingParameter('InstanceId');
  // EC2 checks every id before changing anything.
  const instances = ids.map((id) => requireInstance(call.world, call.region, id));
  const previous: InstanceStateName[] = instances.map((instance) => instance.state);
  instances.forEach(change);
  return {
    instancesSet: instances.map((instance, index) => ({
      instanceId: instance.id,
      currentState: stateXml(instance.state),
      previousState: stateXml(previous[index] as InstanceStateName),
    })),
  };
}

function finishTermination(world: FakeWorld, instance: FakeInstance): void {
  instance.state = 'terminated';
  instance.terminatedAt = Date.now();
  for (const volume of world.volumes.values()) {
    if (volume.attachment?.instanceId !== instance.id) continue;
    if (volume.attachment.deleteOnTermination) world.volumes.delete(volume.id);
    else Object.assign(volume, { attachment: undefined, state: 'available' });
  }
  for (const eni of world.interfaces.values()) {
    if (eni.attachment?.instanceId !== instance.id) continue;
    if (eni.attachment.deleteOnTermination) {
      world.interfaces.delete(eni.id);
      world.releaseIp(eni.subnetId, eni.privateIp);
    } else {
      eni.attachment = undefined;
    }
  }
}
