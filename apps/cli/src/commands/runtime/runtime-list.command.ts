import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { table } from '../../output.js';
import { formatLabels, parseLabelArgs, RUNTIME_FIELDS, type RuntimeView } from './runtime-queries.js';

const QUERY = `query($filter: RuntimeFilter, $page: PageInput) { runtimes(filter: $filter, page: $page) { totalCount edges { node { ${RUNTIME_FIELDS} } } } }`;

/** `pitrix runtime list`: runtimes the caller can see, filtered by provider, zone, text or selector. */
export function runtimeListCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('list')
    .description('List runtimes')
    .option('--provider <name>', 'only this provider')
    .option('--zone <zone>', 'only this zone')
    .option('--search <text>', 'match name or description')
    .option('--selector <key=value...>', 'label selector (same key ORs, different keys AND)')
    .option('--limit <n>', 'at most this many', '50')
    .action(async (opts: { provider?: string; zone?: string; search?: string; selector?: string[]; limit: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const filter = { provider: opts.provider, zone: opts.zone, search: opts.search, selector: parseLabelArgs(opts.selector) };
      const { runtimes } = await api.request<{ runtimes: { totalCount: number; edges: Array<{ node: RuntimeView }> } }>(QUERY, { filter, page: { first: Number(opts.limit) } });
      const rows = runtimes.edges.map((edge) => edge.node);
      out.result({ totalCount: runtimes.totalCount, runtimes: rows }, () =>
        table(['ID', 'NAME', 'PROVIDER', 'ZONE', 'LABELS', 'OWNER'], rows.map((r) => [r.id, r.name, r.provider, r.zone, formatLabels(r.labels), r.owner])),
      );
    });
}
