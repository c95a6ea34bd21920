import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { ManagedProcess } from './managed-process.js';
import { portInUseMessage, type PortNeed } from './port-check.js';

/** Why a process exited, as far as its log tells: it could not bind a port, or something else (see the log). */
export type ExitReason = 'PORT_IN_USE' | 'EXITED';

/** A process that exited when it should not have: a stable reason, a message for people and the end of its log. */
export interface ExitReport {
  readonly reason: ExitReason;
  readonly message: string;
  /** The last lines this process wrote (not those of earlier runs in the same log file). */
  readonly logTail: readonly string[];
}

/**
 * Node says "listen EADDRINUSE: address already in use 127.0.0.1:4000"; Go says "listen tcp
 * 127.0.0.1:4225: bind: address already in use", after a timestamp such as "23:06:47" (nats-server).
 */
const PORT_IN_USE = /EADDRINUSE|address already in use/;
/** Every ":<digits>" of a line: the port is among them, and so are the pieces of a timestamp. */
const AFTER_COLON = /:(\d{1,5})(?!\d)/g;
/** A port after something that is surely an address (IPv4, a bracketed IPv6, localhost), when the port is none we know. */
const ADDRESS_PORT = /(?:\d{1,3}(?:\.\d{1,3}){3}|\]|localhost):(\d{1,5})(?!\d)/;

/**
 * Explains the exit of `process` (exit `code`) from what it wrote to its log: when it could not
 * bind a port, the message names the port, what wanted it (from `ports`) and the variable to
 * change; otherwise the exit code and the log to read.
 */
export function explainExit(process: ManagedProcess, code: number | null, ports: readonly PortNeed[], tailLines = 20): ExitReport {
  // The cause may sit above a long stack trace, so more lines are searched than are shown.
  const written = readLogTail(process.logFile, process.logStart, 200);
  const logTail = written.slice(-tailLines);
  const exited = `${process.name} exited (${code === null ? 'killed by a signal' : `code ${code}`})`;
  const inUse = written.find((line) => PORT_IN_USE.test(line));
  if (inUse) return { reason: 'PORT_IN_USE', message: `${exited}: ${portInUseDetail(inUse, ports)}`, logTail };
  return { reason: 'EXITED', message: `${exited}; see ${process.logFile}`, logTail };
}

function portInUseDetail(line: string, ports: readonly PortNeed[]): string {
  const numbers = [...line.matchAll(AFTER_COLON)].map((match) => Number(match[1]));
  const need = ports.find((p) => numbers.includes(p.port));
  if (need) return portInUseMessage(need);
  const port = ADDRESS_PORT.exec(line)?.[1];
  return port ? `port ${port} is in use by another process` : line.trim();
}

/** The last `lines` non-empty lines written to `file` from byte `from` on (at most the last 64 KiB of them). */
export function readLogTail(file: string, from: number, lines: number): string[] {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return [];
  }
  const start = Math.max(from, size - 64 * 1024);
  if (size <= start) return [];
  const buffer = Buffer.alloc(size - start);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, start);
  } finally {
    closeSync(fd);
  }
  return buffer
    .toString('utf8')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .slice(-lines);
}
