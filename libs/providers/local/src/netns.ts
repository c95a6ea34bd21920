import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A network namespace joined to the host by a veth pair. */
export interface Namespace {
  readonly name: string;
  /** Address of the host end; the only host address the namespace can reach. */
  readonly hostIp: string;
  /** Address of the namespace end. */
  readonly namespaceIp: string;
}

/** True when this process may create network namespaces (root with the `ip` tool). */
export async function canIsolate(): Promise<{ ok: boolean; reason?: string }> {
  if (process.getuid?.() !== 0) return { ok: false, reason: 'network isolation needs root' };
  try {
    await run('ip', ['netns', 'list']);
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: `the ip tool is not usable: ${(err as Error).message}` };
  }
}

/**
 * Creates a new namespace with the first free index on this machine. `ip netns add` is the
 * machine-wide claim: it fails when another network (of any state folder) took the index.
 */
export async function createNamespace(): Promise<Namespace & { index: number }> {
  for (let index = 1; index < 250; index++) {
    try {
      await run('ip', ['netns', 'add', `px${index}`]);
    } catch {
      continue;
    }
    return { index, ...(await ensureNamespace(index)) };
  }
  throw new Error('no free network namespace index (1-249) on this machine');
}

/**
 * Sets up (idempotently) namespace `px<index>` with veth `pxh<index>` (host, 10.231.<index>.1) and
 * `pxn<index>` (namespace, 10.231.<index>.2). The namespace has no default route: from inside it
 * only the host end is reachable, so a drone there reaches nothing but what listens on that
 * address — its frontgate.
 */
export async function ensureNamespace(index: number): Promise<Namespace> {
  const name = `px${index}`;
  const hostIf = `pxh${index}`;
  const nsIf = `pxn${index}`;
  const hostIp = `10.231.${index}.1`;
  const namespaceIp = `10.231.${index}.2`;
  const existing = (await run('ip', ['netns', 'list'])).stdout.split('\n').map((line) => line.split(' ')[0]);
  if (!existing.includes(name)) await run('ip', ['netns', 'add', name]);
  await ignoreExists(run('ip', ['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf]));
  await ignoreExists(run('ip', ['link', 'set', nsIf, 'netns', name]), 'Cannot find device');
  await ignoreExists(run('ip', ['addr', 'add', `${hostIp}/24`, 'dev', hostIf]));
  await run('ip', ['link', 'set', hostIf, 'up']);
  await ignoreExists(run('ip', ['netns', 'exec', name, 'ip', 'addr', 'add', `${namespaceIp}/24`, 'dev', nsIf]));
  await run('ip', ['netns', 'exec', name, 'ip', 'link', 'set', nsIf, 'up']);
  await run('ip', ['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up']);
  return { name, hostIp, namespaceIp };
}

/** Removes a namespace and its veth pair; removing what is gone is fine. */
export async function removeNamespace(index: number): Promise<void> {
  await run('ip', ['netns', 'del', `px${index}`]).catch(() => undefined);
  await run('ip', ['link', 'del', `pxh${index}`]).catch(() => undefined);
}

/** The command prefix that runs a program inside a namespace. */
export function inNamespace(name: string, command: string, args: readonly string[]): { command: string; args: string[] } {
  return { command: 'ip', args: ['netns', 'exec', name, command, ...args] };
}

async function ignoreExists(step: Promise<unknown>, alsoIgnore?: string): Promise<void> {
  try {
    await step;
  } catch (err) {
    const message = `${(err as { stderr?: string }).stderr ?? ''}${(err as Error).message}`;
    if (/File exists|already exists|already assigned/.test(message) || (alsoIgnore && message.includes(alsoIgnore))) return;
    throw err;
  }
}
