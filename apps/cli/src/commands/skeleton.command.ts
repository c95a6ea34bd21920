import { Command, Option } from 'commander';
import { contextFrom } from '../context.js';
import { table } from '../output.js';

interface SkeletonRun {
  workflowId: string;
  runId: string;
  status: string;
  temporalUiUrl: string;
  subject: string | null;
  attempts: number | null;
}

const FIELDS = 'workflowId runId status temporalUiUrl subject attempts';
const START = `mutation($input: StartSkeletonRunInput!) { startSkeletonRun(input: $input) { ${FIELDS} } }`;
const SHOW = `query($workflowId: String!) { skeletonRun(workflowId: $workflowId) { ${FIELDS} } }`;

function render(run: SkeletonRun): string {
  return table(['WORKFLOW', 'STATUS', 'ATTEMPTS', 'TEMPORAL UI'], [[run.workflowId, run.status, run.attempts, run.temporalUiUrl]]);
}

/** `pitrix skeleton run|show`: the walking-skeleton workflow. */
export function skeletonCommand(env: NodeJS.ProcessEnv): Command {
  const skeleton = new Command('skeleton').description('Run the walking-skeleton workflow (wiring check)');
  skeleton
    .command('run')
    .description('Start a skeleton run')
    .option('-m, --message <text>', 'text to write and publish', 'hello from pitrix')
    .addOption(new Option('--wait', 'wait until the run completes'))
    .action(async (opts: { message: string; wait?: boolean }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      let { startSkeletonRun: run } = await api.request<{ startSkeletonRun: SkeletonRun }>(START, { input: { message: opts.message } });
      out.progress(`started ${run.workflowId}: ${run.temporalUiUrl}`);
      while (opts.wait && run.status === 'RUNNING') {
        await new Promise((r) => setTimeout(r, 300));
        ({ skeletonRun: run } = await api.request<{ skeletonRun: SkeletonRun }>(SHOW, { workflowId: run.workflowId }));
      }
      out.result(run, () => render(run));
    });
  skeleton
    .command('show <workflowId>')
    .description('Show a skeleton run')
    .action(async (workflowId: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { skeletonRun } = await api.request<{ skeletonRun: SkeletonRun }>(SHOW, { workflowId });
      out.result(skeletonRun, () => render(skeletonRun));
    });
  return skeleton;
}
