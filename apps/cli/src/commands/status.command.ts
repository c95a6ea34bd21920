import { Command } from 'commander';
import { contextFrom } from '../context.js';
import { table } from '../output.js';

interface SystemStatusData {
  systemStatus: {
    healthy: boolean;
    dependencies: Array<{ name: string; state: string; address: string; version: string | null; reason: string | null }>;
  };
}

const QUERY = `query { systemStatus { healthy dependencies { name state address version reason } } }`;

/** `pitrix status`: each dependency of the platform, up or down. Exit code 1 when any is down. */
export function statusCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('status').description('Show whether Temporal, PostgreSQL and the NATS hub are up').action(async (_opts, command: Command) => {
    const { api, out } = contextFrom(command, env);
    const { systemStatus } = await api.request<SystemStatusData>(QUERY);
    out.result(systemStatus, () =>
      table(
        ['DEPENDENCY', 'STATE', 'VERSION', 'ADDRESS', 'REASON'],
        systemStatus.dependencies.map((d) => [d.name, d.state, d.version, d.address, d.reason]),
      ),
    );
    if (!systemStatus.healthy) process.exitCode = 1;
  });
}
