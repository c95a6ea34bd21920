import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** A process that listens on a TCP port: its pid and command line. */
export interface PortHolder {
  readonly pid: number;
  readonly command: string;
}

const LISTEN = '0A';

/**
 * The process listening on `port` on this machine, found through /proc (Linux), or undefined when
 * it cannot be told: no /proc, or the listener belongs to a user whose processes we may not read.
 * Only used to word an error, so every failure to find out is an `undefined`, never a throw.
 */
export function findPortHolder(port: number): PortHolder | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  for (const entry of safeReaddir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    if (safeReaddir(`/proc/${pid}/fd`).some((fd) => inodes.has(socketInode(`/proc/${pid}/fd/${fd}`)))) {
      return { pid, command: commandLine(pid) };
    }
  }
  return undefined;
}

/** Socket inodes of listeners on `port`, from the kernel's IPv4 and IPv6 socket tables. */
function listeningInodes(port: number): Set<string> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    // Columns: sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
    for (const line of text.split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      if (columns[3] === LISTEN && columns[1]?.endsWith(`:${hexPort}`) && columns[9]) inodes.add(columns[9]);
    }
  }
  return inodes;
}

function socketInode(fdLink: string): string {
  try {
    return /^socket:\[(\d+)\]$/.exec(readlinkSync(fdLink))?.[1] ?? '';
  } catch {
    return '';
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, 120);
  } catch {
    return '?';
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
