import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { replayHistory } from './replay-history.js';

/**
 * `pitrix job replay <id>`: fetches the job's workflow history through the API and replays it,
 * here, against the workflow code this CLI ships with (the same bundle the worker builds). A
 * determinism error means a running job of that kind would break on this code.
 */
export function jobReplayCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('replay')
    .argument('<id>', 'job id')
    .description('Replay a job’s workflow history against the current workflow code')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { jobHistory } = await api.request<{ jobHistory: { workflowId: string; runId: string; historyJson: string } }>(
        `query($id: ID!) { jobHistory(id: $id) { workflowId runId historyJson } }`,
        { id },
      );
      out.progress(`replaying ${jobHistory.workflowId} run ${jobHistory.runId}...`);
      const outcome = await replayHistory(JSON.parse(jobHistory.historyJson) as unknown, jobHistory.workflowId);
      out.result({ jobId: id, workflowId: jobHistory.workflowId, runId: jobHistory.runId, ...outcome }, () =>
        outcome.deterministic ? `job ${id}: replayed without a determinism error` : `job ${id}: ${outcome.error}`,
      );
      if (!outcome.deterministic) process.exitCode = 2;
    });
}
