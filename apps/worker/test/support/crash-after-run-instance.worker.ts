// A worker that crashes at the worst moment for idempotency: `runInstance` has created the
// instance and returned, but the result never reaches Temporal. The test kills this process there.
import { connect } from '@nats-io/transport-node';
import { loadWorkerConfig } from '@pitrix/config';
import { connectDataSource, createDataSource } from '@pitrix/db';
import { allSchemaModules } from '@pitrix/schemas';
import { DefaultLogger, NativeConnection, Runtime, Worker, type ActivityInboundCallsInterceptor } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { buildActivityDeps, identityOnlyAgents } from '../../src/activity-deps.js';
import { createActivities } from '@pitrix/activities';

async function main(): Promise<void> {
  const config = loadWorkerConfig(process.env);
  const marker = process.env.CRASH_MARKER_FILE as string;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dataSource = await connectDataSource(createDataSource({ ...config.database, modules: allSchemaModules }));
  const nats = await connect({ servers: config.nats.url, user: config.nats.user, pass: config.nats.password });
  const hangAfterRunInstance: ActivityInboundCallsInterceptor = {
    async execute(input, next) {
      const result = await next(input);
      if ((input as { args?: unknown[] }).args && process.env.CRASH_ACTIVITY === 'runInstance' && JSON.stringify(result).includes('"privateIp"')) {
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
    activities: createActivities(buildActivityDeps(config, { dataSource, nats }, identityOnlyAgents)),
    interceptors: { activity: [() => ({ inbound: hangAfterRunInstance })] },
  });
  await worker.run();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
