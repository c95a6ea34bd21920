import { PitrixError } from '@pitrix/errors';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { integer, list, text } from './parsers.js';
import { setting } from './setting.js';

function absolutePath(raw: string): string {
  return resolve(raw.replace(/^~(?=$|\/)/, homedir()));
}

/** The development master key: published in these sources, so it protects nothing. */
const DEVELOPMENT_SECRET_KEY = 'DpoFFeiMPxQeBtPa+G6GdD3EseAwyVoK/WN9q+Ru9Pc=';

/** Master keys that seal credentials at rest. */
export const secretSettings = {
  keys: setting(
    'PITRIX_SECRET_KEYS',
    `dev-1:${DEVELOPMENT_SECRET_KEY}`,
    {
      description:
        'Master keys that seal credentials, id:base64(32 bytes), newest first (older ones still open what they sealed; `pitrix admin rotate-keys` re-seals everything under the newest); the default is for development only and refused unless PITRIX_DEV_MODE=true',
      secret: true,
    },
    text,
  ),
};

/**
 * Refuses a process whose newest master key is the development key unless it runs in development
 * mode: `CONFIG.DEFAULT_SECRET_KEY`, naming PITRIX_SECRET_KEYS and how to make a key. The
 * development key may stay as an older key, so what it sealed can be rotated away from it.
 */
export function refuseDevelopmentSecretKey(settings: { readonly keys: string; readonly devMode: boolean }): void {
  if (settings.devMode) return;
  const newest = settings.keys.split(',').map((part) => part.trim()).find((part) => part !== '') ?? '';
  const material = Buffer.from(newest.slice(newest.indexOf(':') + 1), 'base64');
  if (!material.equals(Buffer.from(DEVELOPMENT_SECRET_KEY, 'base64'))) return;
  throw new PitrixError(
    'CONFIG.DEFAULT_SECRET_KEY',
    'PITRIX_SECRET_KEYS: the development master key is refused outside development mode. ' +
      'Set PITRIX_SECRET_KEYS to id:base64(32 bytes), newest first, e.g. prod-1:$(openssl rand -base64 32) ' +
      '(keep the development key after it, then run `pitrix admin rotate-keys`, if data was sealed with it), ' +
      'or set PITRIX_DEV_MODE=true on a development installation',
  );
}

/** Which runtime providers a process offers, and how the `local` provider runs instances. */
export const providerSettings = {
  enabled: setting('PITRIX_PROVIDERS', 'local,aws,kubernetes', { description: 'Runtime providers this installation offers, comma-separated' }, list),
  localRoot: setting('PITRIX_LOCAL_ROOT', '.pitrix/local', { description: 'Folder of the local provider: instance folders, volumes, networks' }, absolutePath),
  localDroneEntry: setting('PITRIX_LOCAL_DRONE_ENTRY', 'apps/drone/dist/main.js', { description: 'Drone entry script the local provider starts on each instance' }, absolutePath),
  localDroneSimulatorEntry: setting(
    'PITRIX_LOCAL_DRONE_SIMULATOR_ENTRY',
    'apps/drone-simulator/dist/main.js',
    { description: 'Entry script of the drone simulator the local provider starts for runtimes with simulateDrones' },
    absolutePath,
  ),
  localBinPaths: setting('PITRIX_LOCAL_BIN_PATHS', '', { description: 'Folders put first on PATH of local instances (npm start adds the nats-server folder)' }, (raw) => list(raw).map(absolutePath)),
  localFrontgateEntry: setting('PITRIX_LOCAL_FRONTGATE_ENTRY', 'apps/frontgate/dist/main.js', { description: 'Frontgate entry script the local provider starts for each network' }, absolutePath),
};

const seconds = integer(5, 7 * 24 * 3600);

/**
 * How long a cluster task of each kind may take in all, retries included, before its job fails
 * with the task's last error (cluster-model's TaskDeadlines).
 */
export const taskDeadlineSettings = {
  frontgateSeconds: setting('PITRIX_TASK_DEADLINE_FRONTGATE', '600', { description: 'Seconds a cluster task may take to get its network\'s frontgate running and answering, retries included' }, seconds),
  dronesSeconds: setting('PITRIX_TASK_DEADLINE_DRONES', '600', { description: 'Seconds a cluster task may wait for new or restarted drones to report in, retries included' }, seconds),
  providerSeconds: setting('PITRIX_TASK_DEADLINE_PROVIDER', '900', { description: 'Seconds a cluster task may take for one provider call (an instance or a volume), retries included' }, seconds),
  recordSeconds: setting('PITRIX_TASK_DEADLINE_RECORD', '300', { description: 'Seconds a cluster task may take to write metadata or the job\'s records, retries included' }, seconds),
  releaseSeconds: setting('PITRIX_TASK_DEADLINE_RELEASE', '900', { description: 'Seconds a chart cluster\'s Helm step or workload readiness task may take, retries included' }, seconds),
  commandMarginSeconds: setting('PITRIX_TASK_DEADLINE_COMMAND_MARGIN', '600', { description: 'Seconds a hook command\'s task may take beyond the hook\'s own timeout (delivery, retries)' }, seconds),
};

/** How the resurrector heals nodes that are down, and when it stops: the meltdown brake's defaults. */
export const healingSettings = {
  scanMs: setting('PITRIX_HEAL_SCAN_MS', '5000', { description: 'How often the resurrector looks for nodes that are down, in milliseconds' }, integer(200, 3_600_000)),
  meltdownPercent: setting('PITRIX_HEAL_MELTDOWN_PERCENT', '30', { description: 'Default meltdown share: no node of a runtime is healed while more than this percent of its running nodes are down' }, integer(1, 100)),
  meltdownNodes: setting('PITRIX_HEAL_MELTDOWN_NODES', '10', { description: 'Default meltdown count: no node of a runtime is healed while more than this many are down, counting those healed within the window' }, integer(1, 100_000)),
  meltdownWindowSeconds: setting('PITRIX_HEAL_MELTDOWN_WINDOW', '600', { description: 'Seconds during which healed nodes still count towards the meltdown count' }, integer(1, 86_400)),
};

/** How long monitor samples are kept and how often the worker evaluates the clusters' alarm rules. */
export const monitoringSettings = {
  retentionHours: setting('PITRIX_MONITOR_RETENTION_HOURS', '168', { description: 'Hours monitor samples are kept; older ones are deleted by the agent monitor' }, integer(1, 24 * 366)),
  alarmScanMs: setting('PITRIX_ALARM_SCAN_MS', '5000', { description: 'How often the alarm evaluator compares new monitor samples with the clusters\' alarm rules, in milliseconds' }, integer(200, 3_600_000)),
};
