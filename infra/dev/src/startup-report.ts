import { explainExit, type PortNeed, type Readiness } from '@pitrix/devstack';

/**
 * What to print instead of the banner when start-up did not reach READY: for a process that
 * exited, the last lines of its log and then the reason (a port in use names its variable); for a
 * timeout, each thing still silent and why. The cause comes last, where the eye lands.
 */
export function describeNotReady(readiness: Exclude<Readiness, { state: 'READY' }>, ports: readonly PortNeed[], timeoutMs: number): string {
  if (readiness.state === 'EXITED') {
    const report = explainExit(readiness.process, readiness.code, ports);
    const tail = report.logTail.length > 0 ? [`last lines of ${readiness.process.logFile}:`, ...report.logTail.map((line) => `  | ${line}`)] : [];
    return [...tail, `during start-up, ${report.message}`].join('\n');
  }
  const waiting = readiness.waiting.map((w) => `  ${w.what}: ${w.reason}`);
  return [`Pitrix was not up within ${Math.round(timeoutMs / 1000)} s; still waiting for:`, ...waiting].join('\n');
}
