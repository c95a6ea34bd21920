import { Command } from 'commander';
import { contextFrom } from '../../context.js';

/** What `validateRuntime` answers. */
interface RuntimeCheckView {
  ok: boolean;
  message: string;
  code: string | null;
  identity: string | null;
}

/** `pitrix runtime validate <id>`: a live check of a runtime; exit code 1 when it fails. */
export function runtimeValidateCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('validate')
    .argument('<id>', 'runtime id')
    .description('Check a runtime live: its provider accepts the stored credential and options and offers its zone')
    .action(async (id: string, _opts, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const { validateRuntime: check } = await api.request<{ validateRuntime: RuntimeCheckView }>(
        `mutation($id: ID!) { validateRuntime(id: $id) { ok message code identity } }`,
        { id },
      );
      out.result(check, () => (check.ok ? `ok: ${check.message}` : `failed [${check.code}]: ${check.message}`));
      if (!check.ok) process.exitCode = 1;
    });
}
