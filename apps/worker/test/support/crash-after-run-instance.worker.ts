// A worker that crashes at the worst moment for idempotency: `runInstance` has created the
// instance and returned, but the result never reaches Temporal. The test kills this process there.
import { createActivities } from '@pitrix/activities';
import { connectPlatformNats, createAgentPlane } from '@pitrix/agent-plane';
import { loadWorkerConfig } from '@pitrix/config';
import { connectDataSource, createDataSource } from '@pitrix/db';
import { allSchemaModules } from '@pitrix/schemas';
import { DefaultLogger, NativeConnection, Runtime, Worker, type ActivityInboundCallsInterceptor } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { buildActivityDeps } from '../../src/activity-deps.js';

async function main(): Promise<void> {
  const config = loadWorkerConfig(process.env);
  const marker = process.env.CRASH_MARKER_FILE as string;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dataSource = await connectDataSource(createDataSource({ ...config.database, modules: allSchemaModules }));
  const nats = await connectPlatformNats(config.nats, 'crashing-worker');
  const agentPlane = await createAgentPlane(nats, config.nats);
  const hangAfterRunInstance: ActivityInboundCallsInterceptor = {
    async execute(input, next) {
      const result = await next(input);
      if ((result as { name?: string } | undefined)?.name === process.env.CRASH_INSTANCE_NAME) {
        writeFileSync(marker, JSON.stringify(result));
        await new Promise(() => undefined);
      }
      return result;
    },
  };
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address: config.temporal.address }),
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: { codePath: process.env.CRASH_WORKFLOW_BUNDLE as string },
    activities: createActivities(buildActivityDeps(config, { dataSource, nats }, agentPlane)),
    interceptors: { activity: [() => ({ inbound: hangAfterRunInstance })] },
  });
  await worker.run();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
