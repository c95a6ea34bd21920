import { createServer } from 'node:net';
import { findPortHolder, type PortHolder } from './port-holder.js';

/** A port the dev stack is about to bind: where, what wants it, and the setting that moves it. */
export interface PortNeed {
  readonly host: string;
  /** 0 lets the kernel pick, so it is never checked. */
  readonly port: number;
  /** What binds it, for people: "the GraphQL API". */
  readonly what: string;
  /** The environment variable that changes this port. */
  readonly setting: string;
  /** A variable that must change with it, e.g. the URL other processes are given for it. */
  readonly alsoSetting?: string;
  /** The variable that changes the host, when it is not `setting`. */
  readonly hostSetting?: string;
}

/** Why a port cannot be bound: taken by another process, refused by the system, or wanted twice by the stack itself. */
export type PortProblemReason = 'IN_USE' | 'NOT_BINDABLE' | 'WANTED_TWICE';

/** A port that would stop start-up, with a stable reason and a message that names the variable to change. */
export interface PortProblem {
  readonly reason: PortProblemReason;
  readonly need: PortNeed;
  readonly message: string;
}

/**
 * Checks, by binding each one for a moment, that every port in `needs` can be bound, and returns
 * every problem (not just the first), so one run tells the developer everything to change. A
 * bind, not a connect: a listener on 0.0.0.0 blocks 127.0.0.1 too, and that is what the server
 * will run into.
 */
export async function checkPortsFree(needs: readonly PortNeed[]): Promise<PortProblem[]> {
  const problems: PortProblem[] = [];
  const checked: PortNeed[] = [];
  for (const need of needs.filter((n) => n.port !== 0)) {
    const twin = checked.find((other) => other.port === need.port && hostsOverlap(other.host, need.host));
    if (twin) {
      problems.push({ reason: 'WANTED_TWICE', need, message: wantedTwiceMessage(twin, need) });
      continue;
    }
    checked.push(need);
    const error = await tryBind(need.host, need.port);
    if (!error) continue;
    if (error.code === 'EADDRINUSE') {
      problems.push({ reason: 'IN_USE', need, message: portInUseMessage(need, findPortHolder(need.port)) });
    } else {
      const fix = error.code === 'EADDRNOTAVAIL' ? (need.hostSetting ?? need.setting) : need.setting;
      problems.push({ reason: 'NOT_BINDABLE', need, message: `port ${need.port} (${need.what}) cannot be bound on ${need.host} (${error.code ?? error.message}); set ${fix}` });
    }
  }
  return problems;
}

/** The message for a port another process holds: which port, what wanted it, who holds it when known, and what to set. */
export function portInUseMessage(need: PortNeed, holder?: PortHolder): string {
  const who = holder ? ` (pid ${holder.pid}: ${holder.command})` : '';
  const also = need.alsoSetting ? ` (and ${need.alsoSetting} to match)` : '';
  return `port ${need.port} (${need.what}) is in use by another process${who}; stop it or set ${need.setting}${also}`;
}

function wantedTwiceMessage(first: PortNeed, second: PortNeed): string {
  return `port ${second.port} is wanted by both ${first.what} (${first.setting}) and ${second.what} (${second.setting}); set one of them to another port`;
}

const WILDCARDS = new Set(['', '0.0.0.0', '::', '[::]']);

/** Two listeners on one port clash when they share a host or either listens on every address. */
function hostsOverlap(a: string, b: string): boolean {
  return a === b || WILDCARDS.has(a) || WILDCARDS.has(b);
}

function tryBind(host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err));
    server.listen({ host: host.replace(/^\[(.*)\]$/, '$1'), port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}
