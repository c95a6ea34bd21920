import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { describeEvent, EVENT_FIELDS, type RepoEventView } from './repo-queries.js';

/** `pitrix repo events [<id>]`: index runs, newest first. */
export function repoEventsCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('events')
    .argument('[id]', 'repo id (all repos when omitted)')
    .description('List index runs, newest first')
    .option('--limit <n>', 'at most this many', '20')
    .action(async (id: string | undefined, opts: { limit: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { repoEvents } = await api.request<{ repoEvents: { edges: Array<{ node: RepoEventView }> } }>(
        `query($repoId: String, $first: Int!) { repoEvents(filter: { repoId: $repoId }, page: { first: $first }) { edges { node { ${EVENT_FIELDS} } } } }`,
        { repoId: id, first: Number(opts.limit) },
      );
      const events = repoEvents.edges.map((edge) => edge.node);
      out.result(events, () => events.map(describeEvent).join('\n') || 'no runs');
    });
}
