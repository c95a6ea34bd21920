import type { AgentBootstrap } from '@pitrix/provider-contract';
import { delimiter, join } from 'node:path';
import type { InstanceRecord } from './instance-record.js';
import type { NetworkRecord } from './networks.js';
import { inNamespace } from './netns.js';
import type { LocalProviderConfig } from './options.js';
import type { ProcessSpec } from './processes.js';

/** Folder of an instance under the root. */
export function instanceDir(root: string, id: string): string {
  return join(root, 'instances', id);
}

/** The instance's data folder (its "disk"; volumes are mounted below it). */
export function dataDir(root: string, id: string): string {
  return join(instanceDir(root, id), 'disk');
}

/**
 * How to start an instance's agent: `node <entry>` with the bootstrap environment plus the
 * instance's own identity (id, private address, data folder) and a PATH with the machine's
 * software. Drones of an isolated network run inside its namespace; frontgates stay on the host,
 * bound to the network's gateway address, because they must reach the hub.
 */
export function agentProcessSpec(config: LocalProviderConfig, record: InstanceRecord, network: NetworkRecord, agent: AgentBootstrap): ProcessSpec {
  const entry = config.agentEntries[agent.kind];
  const data = dataDir(config.root, record.id);
  const env: NodeJS.ProcessEnv = {
    PATH: [...config.binPaths, process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'].join(delimiter),
    HOME: data,
    LANG: process.env.LANG ?? 'C.UTF-8',
    ...agent.env,
    PITRIX_INSTANCE_ID: record.id,
    PITRIX_PRIVATE_IP: record.privateIp,
    PITRIX_DATA_DIR: data,
  };
  const direct = { command: config.nodeExecutable, args: [entry] };
  const launch = network.isolated && agent.kind === 'drone' && network.namespace ? inNamespace(network.namespace, direct.command, direct.args) : direct;
  return { ...supervised(launch), env, cwd: data, logFile: join(instanceDir(config.root, record.id), 'agent.log') };
}

/**
 * Restarts the agent when it dies (as the init system of a real machine would, e.g. systemd's
 * Restart=on-failure): a killed drone comes back and reattaches to the commands it was running.
 * A clean exit ends the instance's process; stopping signals the whole process group.
 */
const SUPERVISOR_SCRIPT = `while :; do "$@"; code=$?; [ "$code" -eq 0 ] && exit 0; echo "pitrix: the agent exited with code $code; restarting it in 1 s" >&2; sleep 1; done`;

export function supervised(launch: { command: string; args: readonly string[] }): { command: string; args: string[] } {
  return { command: '/bin/sh', args: ['-c', SUPERVISOR_SCRIPT, 'pitrix-agent', launch.command, ...launch.args] };
}
