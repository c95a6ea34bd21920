import { describeProviderConformance } from '@pitrix/provider-contract/conformance';
import type { DescribeInstancesResult } from '@pitrix/provider-contract';
import { LocalProvider } from '../src/index.js';
import { processAlive, standInAgent, standInProvider } from './support.js';

describeProviderConformance('local', async () => {
  const { config, provider, cleanup } = standInProvider();
  const context = { runtimeId: 'rt-conformance', credential: undefined, zone: 'local', options: { quota: { instances: 50, cpu: 64, memoryMiB: 65536, volumes: 20, volumeGiB: 100 } } };
  return {
    provider,
    context,
    agent: standInAgent(),
    missingZone: 'mars-1',
    excessiveDemand: { instances: 1, cpu: 65, memoryMiB: 70000, volumes: 0, volumeGiB: 0 },
    restart: async () => new LocalProvider(config),
    agentRunning: async (instanceId) => processAlive(config.root, instanceId),
    cleanup: async () => {
      const session = await new LocalProvider(config).connect(context);
      const { instances }: DescribeInstancesResult = await session.describeInstances({});
      await Promise.all(instances.map((instance) => session.terminateInstance(instance.id)));
      cleanup();
    },
  };
});
