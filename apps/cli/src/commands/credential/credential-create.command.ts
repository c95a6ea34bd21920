import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { contextFrom } from '../../context.js';
import { parseJsonOption } from '../../json-option.js';
import { CREDENTIAL_FIELDS, type CredentialView } from './credential-queries.js';

/**
 * `pitrix credential create`: the secret is read from a file or stdin, never from the command
 * line, so it stays out of shell history and process listings.
 */
export function credentialCreateCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('create')
    .description('Create a credential (checked live against the provider, then sealed)')
    .requiredOption('--name <name>', 'credential name')
    .requiredOption('--provider <provider>', 'provider name')
    .option('--secret-file <path>', 'JSON object of secret fields, or - for stdin')
    .option('--kubeconfig <path>', 'a kubeconfig file: the secret of a kubernetes credential (field kubeconfig)')
    .option('--endpoint <url>', 'provider API endpoint')
    .option('--description <text>', 'description', '')
    .option('--no-validate', 'store without checking against the provider')
    .action(async (opts: { name: string; provider: string; secretFile?: string; kubeconfig?: string; endpoint?: string; description: string; validate: boolean }, command: Command) => {
      const { api, out } = contextFrom(command, env);
      const secret = secretOf(opts);
      const input = { name: opts.name, provider: opts.provider, endpoint: opts.endpoint, description: opts.description, secret, validate: opts.validate };
      const { createCredential } = await api.request<{ createCredential: CredentialView }>(
        `mutation($input: CreateCredentialInput!) { createCredential(input: $input) { ${CREDENTIAL_FIELDS} } }`,
        { input },
      );
      out.result(createCredential, () => `created credential ${createCredential.id} (fields ${createCredential.secretFields.join(', ')})`);
    });
}

/** The secret fields: a JSON file (or stdin), or a kubeconfig file as the `kubeconfig` field; exactly one. */
function secretOf(opts: { secretFile?: string; kubeconfig?: string }): unknown {
  if ((opts.secretFile === undefined) === (opts.kubeconfig === undefined)) throw new InvalidArgumentError('give exactly one of --secret-file and --kubeconfig');
  if (opts.kubeconfig !== undefined) return { kubeconfig: readFileSync(opts.kubeconfig, 'utf8') };
  return parseJsonOption(opts.secretFile === '-' ? '-' : `@${opts.secretFile}`, '--secret-file');
}
