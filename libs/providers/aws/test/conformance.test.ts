import { describeProviderConformance } from '@pitrix/provider-contract/conformance';
import { ACCESS_KEY, credentialFor, droneAgent, IMAGE_ID, startFake, testProvider } from './support.js';

describeProviderConformance('aws (EC2 fake)', async () => {
  const fake = await startFake();
  const context = { runtimeId: 'rt-conformance', credential: credentialFor(fake, ACCESS_KEY), zone: 'us-east-1a', options: { imageId: IMAGE_ID, quota: { cpu: 64, memoryMiB: 65536 } } };
  return {
    provider: testProvider(),
    context,
    agent: droneAgent(),
    missingZone: 'us-east-1z',
    excessiveDemand: { instances: 1, cpu: 65, memoryMiB: 70000, volumes: 0, volumeGiB: 0 },
    // A restarted worker builds a new provider, with a new SDK client, over the same account.
    restart: async () => testProvider(),
    agentRunning: async (instanceId) => fake.instanceState(instanceId) === 'running',
    cleanup: async () => {
      const session = await testProvider().connect(context);
      const { instances } = await session.describeInstances({});
      await Promise.all(instances.map((instance) => session.terminateInstance(instance.id)));
      await session.close();
      await fake.stop();
    },
  };
});
