import type { AgentBootstrap, RuntimeProvider } from '@pitrix/provider-contract';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { standInAgentEntry } from '@pitrix/testing/servers';
import { LocalProvider, type LocalProviderConfig } from '../src/index.js';

/** A local provider over a fresh state folder, whose agents are the stand-in script. */
export function standInProvider(): { config: LocalProviderConfig; provider: RuntimeProvider; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'pitrix-local-'));
  const entry = standInAgentEntry();
  const config: LocalProviderConfig = { root, agentEntries: { drone: entry, frontgate: entry }, binPaths: [], nodeExecutable: process.execPath };
  return { config, provider: new LocalProvider(config), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The stand-in agent bootstrap (its env is what a real agent would get). */
export function standInAgent(kind: AgentBootstrap['kind'] = 'drone', env: Record<string, string> = {}): AgentBootstrap {
  return { kind, env: { STAND_IN_KIND: kind, ...env } };
}

/** Whether the instance's process (as recorded) is alive. */
export function processAlive(root: string, instanceId: string): boolean {
  try {
    const record = JSON.parse(readFileSync(join(root, 'instances', instanceId, 'instance.json'), 'utf8')) as { process?: { pid: number } };
    if (!record.process) return false;
    const stat = readFileSync(`/proc/${record.process.pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}
