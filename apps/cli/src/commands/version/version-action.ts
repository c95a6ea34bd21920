import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { VERSION_FIELDS, type VersionView } from '../app/app-queries.js';

/** How one version action is called: its command, mutation, description and message rule. */
export interface VersionActionSpec {
  readonly command: string;
  readonly mutation: string;
  readonly description: string;
  readonly message: 'none' | 'optional' | 'required';
}

/** Builds `pitrix version <action> <id>` for one status-machine action. */
export function versionActionCommand(env: NodeJS.ProcessEnv, spec: VersionActionSpec): Command {
  const command = new Command(spec.command).argument('<id>', 'version id').description(spec.description);
  if (spec.message === 'required') command.requiredOption('-m, --message <text>', 'why (shown to the developer)');
  if (spec.message === 'optional') command.option('-m, --message <text>', 'a note for the audit');
  return command.action(async (id: string, opts: { message?: string }, self: Command) => {
    const { api, out } = contextFrom(self, env);
    const withMessage = spec.message !== 'none';
    const document = `mutation($id: ID!${withMessage ? ', $message: String' + (spec.message === 'required' ? '!' : '') : ''}) { ${spec.mutation}(id: $id${withMessage ? ', message: $message' : ''}) { ${VERSION_FIELDS} } }`;
    const result = await api.request<Record<string, VersionView>>(document, { id, ...(withMessage ? { message: opts.message } : {}) });
    const version = result[spec.mutation] as VersionView;
    out.result(version, () => `${version.id} ${version.name} ${version.version}: ${version.status}`);
  });
}
