import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether this process can give instances their own network namespaces, and why not. */
export interface NamespaceSupport {
  readonly ok: boolean;
  readonly reason?: string;
}

let support: Promise<NamespaceSupport> | undefined;

/**
 * True when this process may create network namespaces, veth pairs and bridges: root (on the
 * machine, or inside a user namespace) with the `ip` tool. Probed once per process by creating
 * and deleting a namespace, since a machine may refuse even root (a locked-down container).
 */
export function namespaceSupport(): Promise<NamespaceSupport> {
  support ??= probe();
  return support;
}

async function probe(): Promise<NamespaceSupport> {
  if (process.getuid?.() !== 0) return { ok: false, reason: 'network namespaces need root' };
  const name = `pxprobe-${process.pid}`;
  try {
    await run('ip', ['netns', 'add', name]);
    await run('ip', ['netns', 'del', name]);
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: `the ip tool cannot create network namespaces here: ${(err as Error).message.split('\n')[0]}` };
  }
}

/** The Linux bridge of network index `index` (interface names are at most 15 characters). */
export function bridgeName(index: number): string {
  return `pxb${index}`;
}

/** The namespace of an instance, and the host end of its veth pair, derived from its id. */
export function instanceInterfaces(instanceId: string): { readonly namespace: string; readonly hostLink: string } {
  const key = instanceId.replace(/^i-/, '').slice(0, 12);
  return { namespace: `pxi-${key}`, hostLink: `pxv${key}` };
}

/** Bridges this process has set up: a reboot, which drops them, also restarts the process. */
const readyBridges = new Set<string>();

/**
 * Makes sure the bridge of a network exists, is up and carries the gateway address (the
 * frontgate binds to it; it is the only host address instances can reach). Idempotent, and free
 * once this process has done it.
 */
export async function ensureBridge(index: number, gatewayIp: string, prefixLength: number): Promise<void> {
  const bridge = bridgeName(index);
  const key = `${bridge} ${gatewayIp}/${prefixLength}`;
  if (readyBridges.has(key)) return;
  if (!(await linkExists(bridge))) await ignoreExists(run('ip', ['link', 'add', bridge, 'type', 'bridge']));
  await ignoreExists(run('ip', ['addr', 'add', `${gatewayIp}/${prefixLength}`, 'dev', bridge]));
  await run('ip', ['link', 'set', bridge, 'up']);
  readyBridges.add(key);
}

/**
 * Removes a bridge and every instance namespace still plugged into it (what a deleted state
 * folder left behind); removing what is gone is fine.
 */
export async function removeBridge(index: number): Promise<void> {
  const bridge = bridgeName(index);
  for (const key of readyBridges) if (key.startsWith(`${bridge} `)) readyBridges.delete(key);
  if (!(await linkExists(bridge))) return;
  const { stdout } = await run('ip', ['-o', 'link', 'show', 'master', bridge]).catch(() => ({ stdout: '' }));
  for (const hostLink of stdout.split('\n').map((line) => /^\d+:\s+(pxv[0-9a-f]+)/.exec(line)?.[1]).filter((name): name is string => !!name)) {
    await run('ip', ['netns', 'del', `pxi-${hostLink.slice(3)}`]).catch(() => undefined);
    await run('ip', ['link', 'del', hostLink]).catch(() => undefined);
  }
  await run('ip', ['link', 'del', bridge]).catch(() => undefined);
}

/** Where an instance plugs into its network. */
export interface InstanceLink {
  readonly instanceId: string;
  readonly bridgeIndex: number;
  readonly ip: string;
  readonly prefixLength: number;
}

/**
 * Gives an instance its own network namespace, with one interface (`eth0`, its private address)
 * on the network's bridge and no default route: its connections leave from its own address, as
 * on a cloud VM, and reach nothing but its network. Idempotent (a reboot drops namespaces).
 */
export async function ensureInstanceNamespace(link: InstanceLink): Promise<string> {
  const { namespace, hostLink } = instanceInterfaces(link.instanceId);
  const inside = (...args: string[]) => run('ip', ['-n', namespace, ...args]);
  if (!existsSync(`/run/netns/${namespace}`)) await ignoreExists(run('ip', ['netns', 'add', namespace]));
  if (!(await linkExists(hostLink))) {
    await ignoreExists(run('ip', ['link', 'add', hostLink, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', namespace]));
  }
  await run('ip', ['link', 'set', hostLink, 'master', bridgeName(link.bridgeIndex), 'up']);
  await ignoreExists(inside('addr', 'add', `${link.ip}/${link.prefixLength}`, 'dev', 'eth0'));
  await inside('link', 'set', 'eth0', 'up');
  await inside('link', 'set', 'lo', 'up');
  return namespace;
}

/** Removes an instance's namespace and its veth pair; removing what is gone is fine. */
export async function removeInstanceNamespace(instanceId: string): Promise<void> {
  const { namespace, hostLink } = instanceInterfaces(instanceId);
  await run('ip', ['netns', 'del', namespace]).catch(() => undefined);
  await run('ip', ['link', 'del', hostLink]).catch(() => undefined);
}

/** The command prefix that runs a program inside a namespace. */
export function inNamespace(name: string, command: string, args: readonly string[]): { command: string; args: string[] } {
  return { command: 'ip', args: ['netns', 'exec', name, command, ...args] };
}

/** Whether a network interface exists in this process's namespace (`/sys` may show another's). */
function linkExists(name: string): Promise<boolean> {
  return run('ip', ['link', 'show', 'dev', name]).then(
    () => true,
    () => false,
  );
}

async function ignoreExists(step: Promise<unknown>): Promise<void> {
  try {
    await step;
  } catch (err) {
    const message = `${(err as { stderr?: string }).stderr ?? ''}${(err as Error).message}`;
    if (/File exists|already exists|already assigned/.test(message)) return;
    throw err;
  }
}
