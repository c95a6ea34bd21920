import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { parseJsonOption } from '../../json-option.js';
import { parseLabelArgs } from '../runtime/runtime-queries.js';
import { REPO_FIELDS, type RepoView } from './repo-queries.js';

interface RepoUpdateOptions {
  name?: string;
  description?: string;
  url?: string;
  visibility?: string;
  provider?: string[];
  label?: string[];
  selector?: string[];
  defaultStatus?: string;
  category?: string[];
  interval?: string;
  credentialFile?: string;
  removeCredential?: boolean;
}

/** `pitrix repo update <id>`: only what is given changes; a list given replaces the repo's list. */
export function repoUpdateCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('update')
    .argument('<id>', 'repo id')
    .description('Change a repository (only the options given)')
    .option('--name <name>', 'new name')
    .option('--description <text>', 'new description')
    .option('--url <url>', 'new URL (checked for reachability)')
    .option('--visibility <public|private>', 'public repos are reviewed and listed to everyone')
    .option('--provider <name...>', 'runtime providers that may deploy its apps (replaces them)')
    .option('--label <key=value...>', 'labels (replaces them)')
    .option('--selector <key=value...>', 'runtime selectors (replaces them)')
    .option('--default-status <draft|active>', 'status of newly indexed versions')
    .option('--category <id...>', 'category ids (replaces them)')
    .option('--interval <seconds>', 'seconds between scheduled index runs')
    .option('--credential-file <file>', 'JSON file with new access ({ "token": ... } or { "username", "password" }); never printed')
    .option('--remove-credential', 'remove the stored access')
    .action(async (id: string, opts: RepoUpdateOptions, command: Command) => {
      const { api, out } = contextFrom(command, env);
      if (opts.credentialFile && opts.removeCredential) throw new Error('repo update: give --credential-file or --remove-credential, not both');
      const input = {
        name: opts.name,
        description: opts.description,
        url: opts.url,
        visibility: opts.visibility,
        providers: opts.provider,
        labels: parseLabelArgs(opts.label),
        selectors: parseLabelArgs(opts.selector),
        appDefaultStatus: opts.defaultStatus,
        categories: opts.category,
        indexIntervalSeconds: opts.interval === undefined ? undefined : Number(opts.interval),
        credential: opts.removeCredential ? {} : opts.credentialFile ? parseJsonOption(`@${opts.credentialFile}`, '--credential-file') : undefined,
      };
      if (Object.values(input).every((value) => value === undefined)) throw new Error('repo update: nothing to change; see --help for the options');
      const { updateRepo } = await api.request<{ updateRepo: RepoView }>(`mutation($id: ID!, $input: UpdateRepoInput!) { updateRepo(id: $id, input: $input) { ${REPO_FIELDS} } }`, { id, input });
      out.result(updateRepo, () => `updated repo ${updateRepo.id} (${updateRepo.name}, ${updateRepo.url})`);
    });
}
