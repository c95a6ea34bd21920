import { Command, Option } from 'commander';
import { contextFrom } from '../../context.js';
import { loginWithPassword, type LoginOutcome } from './login-password.js';
import { loginWithSso } from './login-sso.js';
import { loginWithToken } from './login-token.js';
import { loggedInLine } from './me-query.js';

interface LoginOptions {
  user?: string;
  passwordStdin?: boolean;
  token?: string;
  sso?: boolean;
  browser: boolean;
}

/**
 * `pitrix login`: with a password (prompted, or `--password-stdin`), an existing token
 * (`--token`), or single sign-on in a browser (`--sso`). Stores a token for the API endpoint in
 * the credentials file; the password and the session are never kept.
 */
export function loginCommand(env: NodeJS.ProcessEnv): Command {
  return new Command('login')
    .description('Sign in to the Pitrix API and store a token for it')
    .option('--user <login>', 'login name (prompted when omitted)')
    .option('--password-stdin', 'read the password from stdin (e.g. echo "$PW" | pitrix login --user admin --password-stdin)')
    .addOption(new Option('--token <token>', 'store this personal access token (pxt_…, or - to read it from stdin) after checking it').conflicts(['user', 'passwordStdin', 'sso']))
    .addOption(new Option('--sso', 'sign in through the identity provider in a browser').conflicts(['user', 'passwordStdin']))
    .option('--no-browser', 'with --sso: print the address to open instead of opening a browser')
    .action(async (opts: LoginOptions, command: Command) => {
      const { out, endpoint, credentials } = contextFrom(command, env);
      let outcome: LoginOutcome;
      let method: 'password' | 'token' | 'sso';
      if (opts.token !== undefined) {
        method = 'token';
        outcome = await loginWithToken(endpoint, opts.token);
      } else if (opts.sso) {
        method = 'sso';
        outcome = await loginWithSso(endpoint, { browser: opts.browser }, env, (line) => process.stderr.write(`${line}\n`));
      } else {
        method = 'password';
        outcome = await loginWithPassword(endpoint, { user: opts.user, passwordStdin: opts.passwordStdin });
      }
      credentials.save(endpoint, outcome.credential);
      out.progress(`token stored in ${credentials.path}`);
      if (env.PITRIX_TOKEN) out.progress('note: PITRIX_TOKEN is set and takes precedence over the stored token');
      const { login, tokenId } = outcome.credential;
      out.result({ endpoint, login, userId: outcome.userId, roles: outcome.roles, tokenId, method }, () => loggedInLine(login, outcome.roles));
    });
}
