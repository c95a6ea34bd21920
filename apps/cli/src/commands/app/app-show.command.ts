import { Command } from 'commander';
import { contextFrom } from '../../context.js';
import { APP_FIELDS, type AppView } from './app-queries.js';

/** `pitrix app show <id>`. */
export function appShowCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('show')
    .argument('<id>', 'app id')
    .description('Show an app')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { app } = await api.request<{ app: AppView }>(`query($id: ID!) { app(id: $id) { ${APP_FIELDS} } }`, { id });
      out.result(app, () =>
        [`id:          ${app.id}`, `name:        ${app.name}`, `status:      ${app.status}`, `latest:      ${app.latestVersion ?? '-'}`, `repo:        ${app.repoId}`, `keywords:    ${app.keywords.join(', ') || '-'}`, `owner:       ${app.owner}`, `description: ${app.description}`].join('\n'),
      );
    });
}
