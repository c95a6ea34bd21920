import type { AgentBootstrap } from '@pitrix/provider-contract';
import { delimiter, join } from 'node:path';
import type { InstanceRecord } from './instance-record.js';
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
 * software. A drone with its own network `namespace` runs inside it; frontgates stay on the host,
 * bound to the network's gateway address, because they must reach the hub.
 */
export function agentProcessSpec(config: LocalProviderConfig, record: InstanceRecord, agent: AgentBootstrap, namespace?: string): ProcessSpec {
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
  const launch = namespace ? inNamespace(namespace, direct.command, direct.args) : direct;
  return { ...supervised(launch), env, cwd: data, logFile: join(instanceDir(config.root, record.id), 'agent.log') };
}

/**
 * Restarts the agent when it dies (as the init system of a real machine would, e.g. systemd's
 * Restart=on-failure): a killed drone comes back and reattaches to the commands it was running.
 * A clean exit ends the instance's process; stopping signals the whole process group (the sleep
 * included). Restarts back off: the delay starts at $1 s and doubles after each failure up to $2 s,
 * so an agent that can never start costs one start per $2 s, not one per second; a run of at
 * least $3 s was healthy and puts the delay back to $1 s. POSIX sh; `date +%s` (whole seconds)
 * is the one extension, supported by every date we run on (GNU, busybox, BSD).
 */
const SUPERVISOR_SCRIPT = `first=$1 max=$2 healthy=$3
shift 3
delay=$first
while :; do
  started=$(date +%s)
  "$@"
  code=$?
  [ "$code" -eq 0 ] && exit 0
  if [ $(( $(date +%s) - started )) -ge "$healthy" ]; then delay=$first; fi
  echo "pitrix: the agent exited with code $code; restarting it in $delay s" >&2
  sleep "$delay"
  delay=$(( delay * 2 ))
  if [ "$delay" -gt "$max" ]; then delay=$max; fi
done`;

/**
 * `launch` wrapped in SUPERVISOR_SCRIPT. Back-off in whole seconds (sh arithmetic): 1 s doubling
 * to 60 s, reset by a 60 s run, unless given (tests give shorter ones). The cap is what a crash
 * loop costs at worst and how late a fixed cause is noticed; the healthy period equals it so that
 * an agent dying every few seconds stays at the cap.
 */
export function supervised(
  launch: { command: string; args: readonly string[] },
  backoff: { firstSeconds?: number; maxSeconds?: number; healthySeconds?: number } = {},
): { command: string; args: string[] } {
  const { firstSeconds = 1, maxSeconds = 60, healthySeconds = 60 } = backoff;
  return { command: '/bin/sh', args: ['-c', SUPERVISOR_SCRIPT, 'pitrix-agent', String(firstSeconds), String(maxSeconds), String(healthySeconds), launch.command, ...launch.args] };
}
