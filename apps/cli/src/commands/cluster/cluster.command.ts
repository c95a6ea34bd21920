import { Command } from 'commander';
import { clusterActionCommand } from './cluster-action.command.js';
import { clusterAlarmCommand } from './cluster-alarm.command.js';
import { clusterBackupCommand } from './cluster-backup.command.js';
import { clusterCeaseCommand } from './cluster-cease.command.js';
import { clusterCreateCommand } from './cluster-create.command.js';
import { clusterDeleteBackupCommand } from './cluster-delete-backup.command.js';
import { clusterDeleteCommand } from './cluster-delete.command.js';
import { clusterListCommand } from './cluster-list.command.js';
import { clusterMonitorCommand } from './cluster-monitor.command.js';
import { clusterRecoverCommand } from './cluster-recover.command.js';
import { clusterResizeCommand } from './cluster-resize.command.js';
import { clusterRestoreCommand } from './cluster-restore.command.js';
import { clusterRestartCommand } from './cluster-restart.command.js';
import { clusterScaleInCommand } from './cluster-scale-in.command.js';
import { clusterScaleOutCommand } from './cluster-scale-out.command.js';
import { clusterHealingCommand } from './cluster-healing.command.js';
import { clusterShowCommand } from './cluster-show.command.js';
import { clusterStartCommand } from './cluster-start.command.js';
import { clusterStopCommand } from './cluster-stop.command.js';
import { clusterUpdateEnvCommand } from './cluster-update-env.command.js';
import { clusterUpgradeCommand } from './cluster-upgrade.command.js';

/** `pitrix cluster ...`. */
export function clusterCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('cluster')
    .description('Clusters: application instances on runtimes')
    .addCommand(clusterCreateCommand(env))
    .addCommand(clusterListCommand(env))
    .addCommand(clusterShowCommand(env))
    .addCommand(clusterHealingCommand(env))
    .addCommand(clusterMonitorCommand(env))
    .addCommand(clusterAlarmCommand(env))
    .addCommand(clusterStartCommand(env))
    .addCommand(clusterStopCommand(env))
    .addCommand(clusterRestartCommand(env))
    .addCommand(clusterUpgradeCommand(env))
    .addCommand(clusterScaleOutCommand(env))
    .addCommand(clusterScaleInCommand(env))
    .addCommand(clusterResizeCommand(env))
    .addCommand(clusterUpdateEnvCommand(env))
    .addCommand(clusterActionCommand(env))
    .addCommand(clusterBackupCommand(env))
    .addCommand(clusterRestoreCommand(env))
    .addCommand(clusterDeleteBackupCommand(env))
    .addCommand(clusterDeleteCommand(env))
    .addCommand(clusterCeaseCommand(env))
    .addCommand(clusterRecoverCommand(env));
}
