import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { describeEvent, EVENT_FIELDS, type RepoEventView } from './repo-queries.js';

/** `pitrix repo index <id> [--wait]`: starts a run (or joins the one going) and optionally waits for it. */
export function repoIndexCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('index')
    .argument('<id>', 'repo id')
    .description('Index a repository now')
    .option('--wait', 'wait until the run finishes')
    .option('--timeout <seconds>', 'how long to wait', '600')
    .action(async (id: string, opts: { wait?: boolean; timeout: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      let event = (await api.request<{ indexRepo: RepoEventView }>(`mutation($id: ID!) { indexRepo(id: $id) { ${EVENT_FIELDS} } }`, { id })).indexRepo;
      const deadline = Date.now() + Number(opts.timeout) * 1000;
      while (opts.wait && (event.status === 'pending' || event.status === 'working') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const page = await api.request<{ repoEvents: { edges: Array<{ node: RepoEventView }> } }>(`query($repoId: String) { repoEvents(filter: { repoId: $repoId }, page: { first: 20 }) { edges { node { ${EVENT_FIELDS} } } } }`, { repoId: id });
        event = page.repoEvents.edges.map((edge) => edge.node).find((e) => e.id === event.id) ?? event;
      }
      out.result(event, () => describeEvent(event));
      if (event.status === 'failed') process.exitCode = 1;
    });
}
