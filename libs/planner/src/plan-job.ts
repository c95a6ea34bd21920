import { isReleaseBlueprint, type Plan } from '@pitrix/cluster-model';
import { createContext, type PlanContext } from './context.js';
import { layersOf } from './dag.js';
import type { PlanInput } from './input.js';
import { planBackup, planDeleteSnapshot, planRestore, planRunAction, planUpdateEnv } from './operations/actions.js';
import { planAddNodes } from './operations/add-nodes.js';
import { planCreate } from './operations/create.js';
import { planCease, planDelete } from './operations/delete.js';
import { planDeleteNodes } from './operations/delete-nodes.js';
import { planHeal } from './operations/heal.js';
import { planRestart, planStart, planStop } from './operations/power.js';
import { planResize } from './operations/resize.js';
import { planRollback } from './operations/rollback.js';
import { planUpgrade } from './operations/upgrade.js';
import { planReleaseJob, type ReleasePlanInput } from './releases/plan-release-job.js';
import { checkStatus } from './status-rules.js';

/**
 * Plans a job: refuses an operation the cluster's status does not allow (`CLUSTER.INVALID_STATE`)
 * or whose arguments do not fit the cluster (`CLUSTER.*`), otherwise returns its tasks cut into
 * layers. The plan is a function of `input` alone: the same input gives the same plan, ids included.
 */
export function planJob(input: PlanInput | ReleasePlanInput): Plan {
  if (isReleaseBlueprint(input.blueprint)) return planReleaseJob(input as ReleasePlanInput);
  return planPackageJob(input as PlanInput);
}

function planPackageJob(input: PlanInput): Plan {
  checkStatus(input.operation, input.state);
  const ctx = createContext(input);
  plan(ctx);
  return layersOf(ctx.tasks.list());
}

function plan(ctx: PlanContext): void {
  const operation = ctx.input.operation;
  switch (operation.action) {
    case 'create':
      return planCreate(ctx);
    case 'start':
    case 'recover':
      return planStart(ctx);
    case 'stop':
      return planStop(ctx);
    case 'restart':
      return planRestart(ctx);
    case 'delete':
      return planDelete(ctx, operation);
    case 'cease':
      return planCease(ctx);
    case 'upgrade':
      return planUpgrade(ctx, operation);
    case 'rollback':
      return planRollback(ctx);
    case 'addNodes':
      return planAddNodes(ctx, operation);
    case 'deleteNodes':
      return planDeleteNodes(ctx, operation);
    case 'resize':
      return planResize(ctx, operation);
    case 'updateEnv':
      return planUpdateEnv(ctx);
    case 'runAction':
      return planRunAction(ctx, operation);
    case 'backup':
      return planBackup(ctx, operation);
    case 'restore':
      return planRestore(ctx, operation);
    case 'deleteSnapshot':
      return planDeleteSnapshot(ctx, operation);
    case 'heal':
      return planHeal(ctx, operation);
  }
}
