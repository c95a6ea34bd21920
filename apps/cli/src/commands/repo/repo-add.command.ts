import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { parseJsonOption } from '../../json-option.js';
import { parseLabelArgs } from '../runtime/runtime-queries.js';
import { REPO_FIELDS, type RepoView } from './repo-queries.js';

/** `pitrix repo add`: checked for reachability, then scheduled and indexed. */
export function repoAddCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('add')
    .description('Add a package repository (file://, http(s)://)')
    .requiredOption('--name <name>', 'repo name')
    .requiredOption('--url <url>', 'repo URL')
    .option('--description <text>', 'description', '')
    .option('--visibility <public|private>', 'public repos are reviewed and listed to everyone', 'private')
    .option('--provider <name...>', 'runtime providers that may deploy its apps')
    .option('--label <key=value...>', 'labels')
    .option('--selector <key=value...>', 'runtime selectors (same key ORs, different keys AND)')
    .option('--default-status <draft|active>', 'status of newly indexed versions', 'active')
    .option('--category <id...>', 'category ids')
    .option('--interval <seconds>', 'seconds between scheduled index runs', '86400')
    .option('--credential-file <file>', 'JSON file with the access ({ "token": ... } or { "username", "password" }); never printed')
    .action(async (opts: { name: string; url: string; description: string; visibility: string; provider?: string[]; label?: string[]; selector?: string[]; defaultStatus: string; category?: string[]; interval: string; credentialFile?: string }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const input = {
        name: opts.name,
        url: opts.url,
        description: opts.description,
        visibility: opts.visibility,
        providers: opts.provider ?? [],
        labels: parseLabelArgs(opts.label) ?? [],
        selectors: parseLabelArgs(opts.selector) ?? [],
        appDefaultStatus: opts.defaultStatus,
        categories: opts.category ?? [],
        indexIntervalSeconds: Number(opts.interval),
        credential: opts.credentialFile ? parseJsonOption(`@${opts.credentialFile}`, '--credential-file') : undefined,
      };
      const { createRepo } = await api.request<{ createRepo: RepoView }>(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { ${REPO_FIELDS} } }`, { input });
      out.result(createRepo, () => `added repo ${createRepo.id} (${createRepo.url}); indexing started`);
    });
}
